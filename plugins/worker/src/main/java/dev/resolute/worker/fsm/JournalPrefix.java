package dev.resolute.worker.fsm;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.ProtocolException;
import dev.resolute.worker.tables.NotificationId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The part of a completed invocation's journal a restart-as-new copies, as Restate does: the entries up to an index
 * (included), then the completions of the commands among them that arrived later, so the new invocation replays every
 * copied command with its result.
 *
 * @param entries       the entries to copy, in their new order
 * @param notifications what each copied notification answers, by its index in {@code entries}
 * @param commands      how many of them are commands
 */
record JournalPrefix(List<JournalEntry> entries, List<Optional<NotificationId>> notifications, int commands) {

    /**
     * @param journal the completed invocation's journal
     * @param from    the last index to copy (included), less than the journal's length
     * @return the prefix, or empty if a copied command's completion is nowhere in the journal
     */
    static Optional<JournalPrefix> of(List<JournalEntry> journal, int from) {
        List<JournalEntry> entries = new ArrayList<>();
        List<Optional<NotificationId>> notifications = new ArrayList<>();
        Set<Integer> missing = new LinkedHashSet<>();
        int commands = 0;
        for (int i = 0; i < journal.size() && (i <= from || !missing.isEmpty()); i++) {
            JournalEntry entry = journal.get(i);
            Optional<Message> message = parse(entry);
            if (MessageType.isCommand(entry.getType())) {
                if (i <= from) {
                    message.ifPresent(m -> {
                        intField(m, "result_completion_id").ifPresent(missing::add);
                        intField(m, "invocation_id_notification_idx").ifPresent(missing::add);
                    });
                    entries.add(entry);
                    notifications.add(Optional.empty());
                    commands++;
                }
                continue;
            }
            Optional<NotificationId> answers = message.flatMap(JournalPrefix::notificationId);
            boolean completes = answers.filter(n -> n instanceof NotificationId.Completion c && missing.remove(c.id())).isPresent();
            if (i <= from || completes) {
                entries.add(entry);
                notifications.add(answers);
            }
        }
        return missing.isEmpty() ? Optional.of(new JournalPrefix(entries, notifications, commands)) : Optional.empty();
    }

    /** The entry's message; empty for a custom entry type, whose meaning the server does not know. */
    private static Optional<Message> parse(JournalEntry entry) {
        Optional<MessageType> type = MessageType.of(entry.getType());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(type.get().parse(entry.getPayload().toByteArray()));
        } catch (ProtocolException e) {
            return Optional.empty(); // stored only after it parsed; copied as it is, answering nothing
        }
    }

    /** What a stored notification answers: its completion id, or its signal's index or name. */
    private static Optional<NotificationId> notificationId(Message notification) {
        Optional<Integer> completion = intField(notification, "completion_id");
        if (completion.isPresent()) {
            return completion.map(NotificationId.Completion::new);
        }
        Optional<Integer> index = intField(notification, "idx");
        if (index.isPresent()) {
            return index.map(NotificationId.Signal::new);
        }
        FieldDescriptor name = notification.getDescriptorForType().findFieldByName("name");
        return name != null && notification.hasField(name) ? Optional.of(new NotificationId.NamedSignal((String) notification.getField(name)))
                : Optional.empty();
    }

    /** A set uint32 field of a protocol message, found by name: the same name means the same thing in every message. */
    private static Optional<Integer> intField(Message message, String name) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        if (field == null || field.getJavaType() != FieldDescriptor.JavaType.INT) {
            return Optional.empty();
        }
        boolean set = field.hasPresence() ? message.hasField(field) : (int) message.getField(field) != 0;
        return set ? Optional.of((Integer) message.getField(field)) : Optional.empty();
    }
}
