package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.WriteBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One partition batch: reads see the committed snapshot plus this batch's own writes, and writes collect into
 * one storage batch committed at the end. A {@link #mark()} and {@link #rollback} undo the writes of one command
 * that turned out not to be applicable, so a batch never holds half a command. Only the partition's single writer
 * uses it.
 */
public final class Tx implements Reads {
    private static final byte[] DELETED = new byte[0];

    private record Op(Keyspace keyspace, byte[] key, byte[] value) {
    }

    /** A write's previous overlay value ({@code null}: the key was not in the overlay), to undo it. */
    private record Undo(Keyspace keyspace, byte[] key, byte[] previous) {
    }

    /** A point in the batch to roll back to. */
    public record Mark(int ops, int undo) {
    }

    private final Snapshot snapshot;
    private final List<Op> ops = new ArrayList<>();
    private final List<Undo> undo = new ArrayList<>();
    private final Map<Keyspace, TreeMap<byte[], byte[]>> overlay = new HashMap<>();

    /** A batch on top of {@code snapshot}, which the caller closes (before committing, see {@link dev.resolute.spi.storage.Storage#snapshot}). */
    public Tx(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** The batch's writes, in order, to commit. */
    public WriteBatch batch() {
        WriteBatch batch = new WriteBatch();
        for (Op op : ops) {
            if (op.value() == null) {
                batch.delete(op.keyspace(), op.key());
            } else {
                batch.put(op.keyspace(), op.key(), op.value());
            }
        }
        return batch;
    }

    @Override
    public Optional<byte[]> get(Keyspace keyspace, byte[] key) {
        TreeMap<byte[], byte[]> own = overlay.get(keyspace);
        if (own != null) {
            byte[] value = own.get(key);
            if (value != null) {
                return value == DELETED ? Optional.empty() : Optional.of(value);
            }
        }
        return snapshot.get(keyspace, key);
    }

    /**
     * @throws IllegalArgumentException if the key is not a valid storage key ({@link Keys#check})
     */
    public void put(Keyspace keyspace, byte[] key, byte[] value) {
        write(keyspace, Keys.check(key), value);
        ops.add(new Op(keyspace, key, value));
    }

    /**
     * @throws IllegalArgumentException if the key is not a valid storage key ({@link Keys#check})
     */
    public void delete(Keyspace keyspace, byte[] key) {
        write(keyspace, Keys.check(key), DELETED);
        ops.add(new Op(keyspace, key, null));
    }

    /**
     * Hands each key of {@code keyspace} this batch wrote (as it stands after rollbacks) to {@code visitor} in key
     * order, with the value the batch leaves there, or empty where it deletes the key.
     */
    public void written(Keyspace keyspace, BiConsumer<byte[], Optional<byte[]>> visitor) {
        TreeMap<byte[], byte[]> own = overlay.get(keyspace);
        if (own != null) {
            own.forEach((key, value) -> visitor.accept(key, value == DELETED ? Optional.empty() : Optional.of(value)));
        }
    }

    /** Where the batch stands now. */
    public Mark mark() {
        return new Mark(ops.size(), undo.size());
    }

    /** Undoes every write made since {@code mark}. */
    public void rollback(Mark mark) {
        for (int i = undo.size() - 1; i >= mark.undo(); i--) {
            Undo u = undo.remove(i);
            TreeMap<byte[], byte[]> own = overlay.get(u.keyspace());
            if (u.previous() == null) {
                own.remove(u.key());
            } else {
                own.put(u.key(), u.previous());
            }
        }
        ops.subList(mark.ops(), ops.size()).clear();
    }

    /** Merges the snapshot's entries with this batch's writes, lazily, so {@link #first} reads one entry. */
    @Override
    public void scan(Keyspace keyspace, KeyRange range, Predicate<KeyValue> visitor) {
        if (range.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<byte[], byte[]>> mine = own(keyspace, range).entrySet().iterator();
        try (KeyValueIterator base = snapshot.scan(keyspace, range)) {
            KeyValue b = base.hasNext() ? base.next() : null;
            Map.Entry<byte[], byte[]> m = mine.hasNext() ? mine.next() : null;
            while (b != null || m != null) {
                int order = b == null ? 1 : m == null ? -1 : Keys.compare(b.key(), m.getKey());
                KeyValue out;
                if (order < 0) {
                    out = b;
                    b = base.hasNext() ? base.next() : null;
                } else {
                    if (order == 0) { // this batch's write shadows the committed entry
                        b = base.hasNext() ? base.next() : null;
                    }
                    out = m.getValue() == DELETED ? null : new KeyValue(m.getKey(), m.getValue());
                    m = mine.hasNext() ? mine.next() : null;
                }
                if (out != null && !visitor.test(out)) {
                    return;
                }
            }
        }
    }

    private NavigableMap<byte[], byte[]> own(Keyspace keyspace, KeyRange range) {
        TreeMap<byte[], byte[]> own = overlay.get(keyspace);
        if (own == null) {
            return Collections.emptyNavigableMap();
        }
        return range.hasEnd() ? own.subMap(range.start(), true, range.end(), false) : own.tailMap(range.start(), true);
    }

    private void write(Keyspace keyspace, byte[] key, byte[] value) {
        byte[] previous = overlay.computeIfAbsent(keyspace, k -> new TreeMap<>(Keys::compare)).put(key, value);
        undo.add(new Undo(keyspace, key, previous));
    }
}
