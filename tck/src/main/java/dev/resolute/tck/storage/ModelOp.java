package dev.resolute.tck.storage;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.WriteBatch;
import java.util.Map;
import java.util.NavigableMap;

/** One write of a model step, applied both to a real {@link WriteBatch} and to the {@code TreeMap} model. */
record ModelOp(String keyspace, byte[] key, byte[] value, KeyRange range) {

    static ModelOp put(String keyspace, byte[] key, byte[] value) {
        return new ModelOp(keyspace, key, value, null);
    }

    static ModelOp delete(String keyspace, byte[] key) {
        return new ModelOp(keyspace, key, null, null);
    }

    static ModelOp deleteRange(String keyspace, KeyRange range) {
        return new ModelOp(keyspace, null, null, range);
    }

    void addTo(WriteBatch batch, Map<String, Keyspace> handles) {
        Keyspace ks = handles.get(keyspace);
        if (range != null) {
            batch.deleteRange(ks, range);
        } else if (value != null) {
            batch.put(ks, key, value);
        } else {
            batch.delete(ks, key);
        }
    }

    void applyTo(Map<String, NavigableMap<byte[], byte[]>> model) {
        NavigableMap<byte[], byte[]> map = model.get(keyspace);
        if (range != null) {
            if (!range.isEmpty()) {
                (range.hasEnd() ? map.subMap(range.start(), true, range.end(), false) : map.tailMap(range.start(), true)).clear();
            }
        } else if (value != null) {
            map.put(key, value);
        } else {
            map.remove(key);
        }
    }

    @Override
    public String toString() {
        if (range != null) {
            return "deleteRange(" + keyspace + ", " + range + ")";
        }
        return value != null ? "put(" + keyspace + ", " + Hex.of(key) + ", " + Hex.of(value) + ")" : "delete(" + keyspace + ", " + Hex.of(key) + ")";
    }
}
