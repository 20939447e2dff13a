package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the tables read through: a committed {@link Snapshot} ({@link #of}) or a {@link Tx} that also sees its own
 * writes. Reading through one interface lets the partition and the attempts decode rows the same way.
 */
public interface Reads {

    /** The value of {@code key}, or empty if absent. */
    Optional<byte[]> get(Keyspace keyspace, byte[] key);

    /** Hands the entries of {@code range} to {@code visitor} in ascending key order while it returns true. */
    void scan(Keyspace keyspace, KeyRange range, Predicate<KeyValue> visitor);

    /** Every entry of {@code range}, in key order. */
    default List<KeyValue> scan(Keyspace keyspace, KeyRange range) {
        List<KeyValue> out = new ArrayList<>();
        scan(keyspace, range, out::add);
        return out;
    }

    /** The first entry of {@code range}: reads one entry, not the range. */
    default Optional<KeyValue> first(Keyspace keyspace, KeyRange range) {
        List<KeyValue> out = new ArrayList<>(1);
        scan(keyspace, range, kv -> !out.add(kv));
        return out.stream().findFirst();
    }

    /** Reads of a committed snapshot; the caller keeps closing it. */
    static Reads of(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        return new Reads() {
            @Override
            public Optional<byte[]> get(Keyspace keyspace, byte[] key) {
                return snapshot.get(keyspace, key);
            }

            @Override
            public void scan(Keyspace keyspace, KeyRange range, Predicate<KeyValue> visitor) {
                try (KeyValueIterator it = snapshot.scan(keyspace, range)) {
                    while (it.hasNext() && visitor.test(it.next())) {
                        // the visitor decides when to stop
                    }
                }
            }
        };
    }
}
