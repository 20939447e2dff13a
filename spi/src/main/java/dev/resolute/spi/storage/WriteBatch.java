package dev.resolute.spi.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered list of puts, deletes and range deletes across keyspaces that {@link Storage#commit}
 * applies atomically, in order: a later operation on the same key wins.
 *
 * <p>A plain engine-neutral value built by the caller, not thread-safe. It keeps the arrays it is
 * given without copying them (values can be tens of MiB): the caller must not modify them after
 * adding them. Keys are checked here ({@link Keys#check}), so a bad key fails where it is added.
 */
public final class WriteBatch {

    /** How a storage engine reads a batch: one call per operation, in the order they were added. */
    public interface Visitor {
        void put(Keyspace keyspace, byte[] key, byte[] value);

        void delete(Keyspace keyspace, byte[] key);

        /** Deletes every key of {@code range} that exists when the operation applies. */
        void deleteRange(Keyspace keyspace, KeyRange range);
    }

    private record Op(Keyspace keyspace, byte[] key, byte[] value, KeyRange range) {
    }

    private final List<Op> ops = new ArrayList<>();
    private long bytes;

    /** Sets {@code key} to {@code value} (which may be empty). */
    public WriteBatch put(Keyspace keyspace, byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value");
        return add(new Op(Objects.requireNonNull(keyspace, "keyspace"), Keys.check(key), value, null), key.length + value.length);
    }

    /** Removes {@code key}; nothing happens if it does not exist. */
    public WriteBatch delete(Keyspace keyspace, byte[] key) {
        return add(new Op(Objects.requireNonNull(keyspace, "keyspace"), Keys.check(key), null, null), key.length);
    }

    /** Removes every key in {@code range}; cheap on every engine, also for large ranges. */
    public WriteBatch deleteRange(Keyspace keyspace, KeyRange range) {
        return add(new Op(Objects.requireNonNull(keyspace, "keyspace"), null, null, Objects.requireNonNull(range, "range")), 2L * Keys.MAX_SIZE);
    }

    /** Number of operations. */
    public int size() {
        return ops.size();
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** Bytes of keys and values held (range deletes count as two maximal keys), to bound group sizes. */
    public long approximateBytes() {
        return bytes;
    }

    /** Removes every operation, so the batch can be reused. */
    public void clear() {
        ops.clear();
        bytes = 0;
    }

    /** The keyspaces the batch writes to, so that a storage plugin can check they are its own before queuing it. */
    public Set<Keyspace> keyspaces() {
        Set<Keyspace> keyspaces = Collections.newSetFromMap(new IdentityHashMap<>()); // handles need not implement equals
        for (Op op : ops) {
            keyspaces.add(op.keyspace);
        }
        return keyspaces;
    }

    /** Feeds every operation, in order, to {@code visitor}. */
    public void forEach(Visitor visitor) {
        for (Op op : ops) {
            if (op.range != null) {
                visitor.deleteRange(op.keyspace, op.range);
            } else if (op.value != null) {
                visitor.put(op.keyspace, op.key, op.value);
            } else {
                visitor.delete(op.keyspace, op.key);
            }
        }
    }

    private WriteBatch add(Op op, long size) {
        ops.add(op);
        bytes += size;
        return this;
    }
}
