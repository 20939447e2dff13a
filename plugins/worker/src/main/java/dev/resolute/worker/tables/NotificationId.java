package dev.resolute.worker.tables;

import java.util.Objects;

/** What a notification answers, as SDKs await it: a completion id, a signal id or a named signal. */
public sealed interface NotificationId {

    /** The result of a command with a {@code result_completion_id}. */
    record Completion(int id) implements NotificationId {
    }

    /** A signal by index (index 1 is the cancel signal). */
    record Signal(int id) implements NotificationId {
    }

    /** A signal by name. */
    record NamedSignal(String name) implements NotificationId {
        public NamedSignal {
            Objects.requireNonNull(name, "name");
        }
    }
}
