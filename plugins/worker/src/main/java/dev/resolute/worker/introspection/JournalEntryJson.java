package dev.resolute.worker.introspection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import dev.resolute.worker.protocol.MessageType;
import java.util.Optional;

/**
 * {@code sys_journal.entry_json} and {@code entry_lite_json}: a stored V2 entry written as Restate's journal model serializes it, which the
 * official CLI parses back to show an entry's details (a sleep's wake-up time, a call's callee, a state key). Jackson
 * builds the tree: the model's shape (externally tagged enums, field order, payloads as byte arrays) is written out in
 * {@link CommandJson} and {@link NotificationJson}.
 */
final class JournalEntryJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalEntryJson() {
    }

    /**
     * The entry in the full and the lite model.
     *
     * @param full {@code entry_json}
     * @param lite {@code entry_lite_json}
     */
    record Written(String full, String lite) {
    }

    /** The entry's JSON, or nothing for custom entries and calls whose callee the engine no longer knows. */
    static Optional<Written> of(MessageType type, Message message, CallRequestJson.Callees callees) {
        Optional<JsonNode> tree = switch (type.kind()) {
            case COMMAND -> CommandJson.of(type, message, callees);
            case NOTIFICATION -> NotificationJson.of(type, message);
            default -> Optional.empty();
        };
        return tree.map(full -> new Written(write(full), write(EntryLiteJson.of(full))));
    }

    private static String write(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always writes", e);
        }
    }
}
