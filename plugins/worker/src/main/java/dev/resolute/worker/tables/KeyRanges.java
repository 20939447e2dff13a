package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import java.util.Objects;

/**
 * Key ranges of the partitioned tables, for reads that narrow to part of a table (introspection's pushed-down
 * filters). Every partitioned table's key starts with the partition key (ids start with it too), so one partition
 * key, one invocation or one object is one contiguous range in each of them.
 */
public final class KeyRanges {
    private KeyRanges() {
    }

    /** The rows of one partition key in any partitioned table. */
    public static KeyRange partitionKey(long partitionKey) {
        return KeyRange.prefix(Bytes.u64(partitionKey));
    }

    /** The rows of one invocation (its 24-byte id) in the status, active, journal and notification tables. */
    public static KeyRange invocation(byte[] invocationId) {
        return KeyRange.prefix(Objects.requireNonNull(invocationId, "invocationId"));
    }

    /** The rows of one virtual object or workflow in the state, locks, inbox and promise tables. */
    public static KeyRange object(ObjectKey object) {
        return KeyRange.prefix(object.prefix());
    }
}
