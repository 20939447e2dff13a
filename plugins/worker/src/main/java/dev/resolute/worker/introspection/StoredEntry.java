package dev.resolute.worker.introspection;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.ProtocolException;
import dev.resolute.worker.tables.JournalTable;
import java.util.Optional;

/**
 * One stored journal entry decoded for display, as {@code sys_journal} and the UI's journal windows show it: parsed
 * once, its columns filled by name, its JSON written in Restate's journal models with or without its payloads.
 */
final class StoredEntry {
    private static final int ENTRY_NAME = 12;

    private final JournalTable.Row stored;
    private final Optional<Message> message;

    StoredEntry(JournalTable.Row stored) {
        this.stored = stored;
        this.message = parse(stored.entry().getType(), stored.entry().getPayload());
    }

    int index() {
        return stored.index();
    }

    String entryType() {
        return JournalEntryTypes.name(stored.entry().getType());
    }

    /** Fills the columns every view of an entry has: all of {@code sys_journal} but {@code raw} and the JSON. */
    Columns.Row fill(Columns.Row row) {
        JournalEntry entry = stored.entry();
        return row.setIfPresent("partition_key", Values.partitionKey(stored.id()))
                .set("id", Values.id(stored.id()))
                .set("index", Integer.toUnsignedLong(stored.index()))
                .set("entry_type", entryType())
                .set("name", message.flatMap(StoredEntry::commandName).orElse(null))
                .set("raw_length", (long) entry.getPayload().size())
                .set("version", 2L)
                .set("appended_at", Values.timestamp(entry.getAppendedAt()));
    }

    byte[] raw() {
        return stored.entry().getPayload().toByteArray();
    }

    /** {@code entry_json} and {@code entry_lite_json}, payloads included. */
    Optional<JournalEntryJson.Written> json(CallRequestJson.Callees callees) {
        return message.flatMap(m -> JournalEntryJson.of(MessageType.of(m), m, callees));
    }

    /** {@code entry_lite_json}, which names no payload: written without reading them. */
    Optional<String> liteJson(CallRequestJson.Callees callees) {
        return withoutLarger(0, callees).map(JournalEntryJson.Written::lite);
    }

    /** {@code entry_json} with the payloads longer than {@code limit} bytes left empty. */
    Optional<String> json(int limit, CallRequestJson.Callees callees) {
        return withoutLarger(limit, callees).map(JournalEntryJson.Written::full);
    }

    private Optional<JournalEntryJson.Written> withoutLarger(int limit, CallRequestJson.Callees callees) {
        return message.map(m -> Payloads.withoutLarger(m, limit)).flatMap(m -> JournalEntryJson.of(MessageType.of(m), m, callees));
    }

    /** The entry's main payload (see {@link Payloads#main}), if it carries one. */
    Optional<ByteString> value() {
        return message.flatMap(Payloads::main);
    }

    /** A known entry's message; nothing for custom entries and control frames, which have no model to show. */
    private static Optional<Message> parse(int type, ByteString payload) {
        Optional<MessageType> known = MessageType.of(type);
        if (known.isEmpty() || known.get().kind() == MessageType.Kind.CONTROL) {
            return Optional.empty();
        }
        try {
            return Optional.of(known.get().parseShared(payload));
        } catch (ProtocolException e) {
            return Optional.empty(); // the attempt checked it before it was stored; an unreadable one shows nothing
        }
    }

    /**
     * A command's entry name, field 12 of every command ({@code entry_name} of SendSignal, whose {@code name} is the
     * signal's): "" when the SDK gave none, as Restate shows it; nothing for notifications.
     */
    private static Optional<String> commandName(Message message) {
        if (MessageType.of(message).kind() != MessageType.Kind.COMMAND) {
            return Optional.empty();
        }
        FieldDescriptor name = message.getDescriptorForType().findFieldByNumber(ENTRY_NAME);
        return name == null || name.getJavaType() != FieldDescriptor.JavaType.STRING ? Optional.of("") : Optional.of((String) message.getField(name));
    }
}
