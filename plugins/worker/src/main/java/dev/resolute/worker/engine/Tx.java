package dev.resolute.worker.engine;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One partition batch: reads see the committed snapshot plus this batch's own writes, and
 * writes go to one storage batch committed at the end. Only the partition's single writer uses it.
 */
final class Tx {
    private static final byte[] DELETED = new byte[0];

    private final Snapshot snapshot;
    private final WriteBatch batch = new WriteBatch();
    private final Map<Keyspace, TreeMap<byte[], byte[]>> overlay = new HashMap<>();

    Tx(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    WriteBatch batch() {
        return batch;
    }

    Optional<byte[]> get(Keyspace keyspace, byte[] key) {
        TreeMap<byte[], byte[]> own = overlay.get(keyspace);
        if (own != null && own.containsKey(key)) {
            byte[] value = own.get(key);
            return value == DELETED ? Optional.empty() : Optional.of(value);
        }
        return snapshot.get(keyspace, key);
    }

    void put(Keyspace keyspace, byte[] key, byte[] value) {
        overlay(keyspace).put(key, value);
        batch.put(keyspace, key, value);
    }

    void delete(Keyspace keyspace, byte[] key) {
        overlay(keyspace).put(key, DELETED);
        batch.delete(keyspace, key);
    }

    /** Every entry whose key starts with {@code prefix}, in key order, this batch's writes included. */
    List<KeyValue> scan(Keyspace keyspace, byte[] prefix) {
        return scan(keyspace, KeyRange.prefix(prefix));
    }

    /** Every entry in {@code range}, in key order, this batch's writes included. */
    List<KeyValue> scan(Keyspace keyspace, KeyRange range) {
        TreeMap<byte[], byte[]> merged = new TreeMap<>(Keys::compare);
        try (KeyValueIterator it = snapshot.scan(keyspace, range)) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                merged.put(kv.key(), kv.value());
            }
        }
        TreeMap<byte[], byte[]> own = overlay.get(keyspace);
        if (own != null) {
            own.forEach((k, v) -> {
                if (range.contains(k)) {
                    merged.put(k, v);
                }
            });
        }
        List<KeyValue> out = new ArrayList<>();
        merged.forEach((k, v) -> {
            if (v != DELETED) {
                out.add(new KeyValue(k, v));
            }
        });
        return out;
    }

    private TreeMap<byte[], byte[]> overlay(Keyspace keyspace) {
        return overlay.computeIfAbsent(keyspace, k -> new TreeMap<>(Keys::compare));
    }
}
