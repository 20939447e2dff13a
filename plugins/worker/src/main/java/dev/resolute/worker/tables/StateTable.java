package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The state of virtual objects and workflows: one row per state key, under the object's {@link ObjectKey#prefix()}.
 *
 * <pre>state   partition key u64 · service · key · state key bytes → value</pre>
 */
public final class StateTable extends Table {
    private static final TableSchema SCHEMA = new TableSchema("state", Optional.of("state"),
            List.of(Column.of("partition_key", ColumnType.U64), Column.of("service_name", ColumnType.STRING),
                    Column.of("service_key", ColumnType.STRING), Column.of("key", ColumnType.BYTES)),
            List.of(Column.of("value", ColumnType.BYTES)));

    /** One state entry as the SDK sees it: its key without the object's prefix. */
    public record Entry(byte[] key, byte[] value) {
    }

    /** One stored entry with the object it belongs to. */
    public record Row(ObjectKey object, byte[] key, byte[] value) {
    }

    StateTable(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    public Optional<byte[]> get(Reads reads, ObjectKey object, byte[] stateKey) {
        return reads.get(keyspace, Bytes.concat(object.prefix(), stateKey));
    }

    public void put(Tx tx, ObjectKey object, byte[] stateKey, byte[] value) {
        tx.put(keyspace, Bytes.concat(object.prefix(), stateKey), value);
    }

    public void delete(Tx tx, ObjectKey object, byte[] stateKey) {
        tx.delete(keyspace, Bytes.concat(object.prefix(), stateKey));
    }

    /** The object's state keys, in key order. */
    public List<byte[]> keys(Reads reads, ObjectKey object) {
        byte[] prefix = object.prefix();
        List<byte[]> keys = new ArrayList<>();
        for (KeyValue kv : reads.scan(keyspace, KeyRange.prefix(prefix))) {
            keys.add(Bytes.tail(kv.key(), prefix.length));
        }
        return keys;
    }

    /** Deletes every state entry of the object. */
    public void clear(Tx tx, ObjectKey object) {
        for (KeyValue kv : tx.scan(keyspace, KeyRange.prefix(object.prefix()))) {
            tx.delete(keyspace, kv.key());
        }
    }

    /** Hands the object's entries to {@code visitor} in key order while it returns true. */
    public void entries(Reads reads, ObjectKey object, java.util.function.Predicate<Entry> visitor) {
        byte[] prefix = object.prefix();
        reads.scan(keyspace, KeyRange.prefix(prefix),
                kv -> visitor.test(new Entry(Arrays.copyOfRange(kv.key(), prefix.length, kv.key().length), kv.value())));
    }

    /**
     * Hands the object's entries whose state key sorts after {@code after} (all when empty) to {@code visitor} in key
     * order while it returns true.
     */
    public void entriesAfter(Reads reads, ObjectKey object, Optional<byte[]> after, Predicate<Entry> visitor) {
        byte[] prefix = object.prefix();
        KeyRange all = KeyRange.prefix(prefix);
        KeyRange range = after.map(key -> KeyRange.between(successor(Bytes.concat(prefix, key)), all.end())).orElse(all);
        reads.scan(keyspace, range, kv -> visitor.test(new Entry(Arrays.copyOfRange(kv.key(), prefix.length, kv.key().length), kv.value())));
    }

    /** An object of a service that holds state: its key, how many entries and their values' total length. */
    public record ObjectState(String key, long entries, long size) {
    }

    /**
     * Every object of {@code service} that holds state, in storage order (by partition key). Objects lie under their
     * partition key, so this skips from partition key to partition key and reads only the service's entries besides
     * one entry per partition key that holds state of other services.
     */
    public List<ObjectState> objects(Reads reads, String service) {
        byte[] name = Bytes.utf8(service);
        byte[] servicePart = ByteBuffer.allocate(4 + name.length).putInt(name.length).put(name).array();
        List<ObjectState> out = new ArrayList<>();
        byte[] from = Bytes.EMPTY;
        while (true) {
            Optional<KeyValue> next = reads.first(keyspace, KeyRange.atLeast(from));
            if (next.isEmpty()) {
                return out;
            }
            byte[] key = next.get().key();
            long partitionKey = Bytes.u64(key, 0);
            byte[] ofService = Bytes.concat(Bytes.u64(partitionKey), servicePart);
            KeyRange range = KeyRange.prefix(ofService);
            if (Keys.compare(key, ofService) < 0) {
                from = ofService; // before the service in this partition key: go to it
            } else if (range.contains(key)) {
                readObjects(reads, range, out);
                from = range.end();
            } else if (partitionKey == -1L) { // past the service in the last partition key
                return out;
            } else {
                from = Bytes.u64(partitionKey + 1);
            }
        }
    }

    private void readObjects(Reads reads, KeyRange range, List<ObjectState> out) {
        Tally tally = new Tally();
        reads.scan(keyspace, range, kv -> {
            ObjectKey object = ObjectKey.read(ByteBuffer.wrap(kv.key()));
            if (!object.equals(tally.object)) {
                tally.addTo(out);
                tally.object = object;
                tally.entries = 0;
                tally.size = 0;
            }
            tally.entries++;
            tally.size += kv.value().length;
            return true;
        });
        tally.addTo(out);
    }

    /** The object being counted while its entries are read. */
    private static final class Tally {
        private ObjectKey object;
        private long entries;
        private long size;

        void addTo(List<ObjectState> out) {
            if (object != null) {
                out.add(new ObjectState(object.key(), entries, size));
            }
        }
    }

    /** The smallest key after {@code key}. */
    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /**
     * The entries in {@code ranges} of the snapshot, read as the iterator advances.
     *
     * @throws UnreadableRowException from the iterator, for a key that does not start with an object's prefix
     */
    public Iterator<Row> rows(Snapshot snapshot, List<KeyRange> ranges) {
        return new RangeIterator<>(snapshot, keyspace, ranges, kv -> {
            try {
                ByteBuffer key = ByteBuffer.wrap(kv.key());
                ObjectKey object = ObjectKey.read(key);
                return new Row(object, Bytes.tail(kv.key(), key.position()), kv.value());
            } catch (RuntimeException e) {
                throw new UnreadableRowException(keyspace.name(), kv.key(), e);
            }
        });
    }
}
