package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The invocations waiting for a virtual object's lock, in arrival order.
 *
 * <pre>inbox   partition key u64 · service · key · seq u64 → invocation id (24)</pre>
 */
public final class InboxTable extends Table {
    private static final TableSchema SCHEMA = new TableSchema("inbox", Optional.of("sys_inbox"),
            List.of(Column.of("partition_key", ColumnType.U64), Column.of("service_name", ColumnType.STRING),
                    Column.of("service_key", ColumnType.STRING), Column.of("sequence_number", ColumnType.U64)),
            List.of(Column.of("id", ColumnType.INVOCATION_ID)));

    /** One waiting invocation. */
    public record Entry(ObjectKey object, long seq, byte[] invocationId) {
    }

    InboxTable(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    public void enqueue(Tx tx, ObjectKey object, long seq, byte[] invocationId) {
        tx.put(keyspace, key(object, seq), invocationId);
    }

    /** The longest-waiting invocation of the object: reads one entry, not the whole inbox. */
    public Optional<Entry> first(Reads reads, ObjectKey object) {
        return reads.first(keyspace, KeyRange.prefix(object.prefix()))
                .map(kv -> new Entry(object, Bytes.u64(kv.key(), kv.key().length - 8), kv.value()));
    }

    public void remove(Tx tx, Entry entry) {
        tx.delete(keyspace, key(entry.object(), entry.seq()));
    }

    /** Takes {@code invocationId} out of the object's inbox wherever it waits (it was cancelled or killed); false if it is not there. */
    public boolean remove(Tx tx, ObjectKey object, byte[] invocationId) {
        for (KeyValue kv : tx.scan(keyspace, KeyRange.prefix(object.prefix()))) {
            if (Arrays.equals(kv.value(), invocationId)) {
                tx.delete(keyspace, kv.key());
                return true;
            }
        }
        return false;
    }

    static byte[] key(ObjectKey object, long seq) {
        return Bytes.concat(object.prefix(), Bytes.u64(seq));
    }

    /**
     * The waiting invocations in {@code ranges} of the snapshot, in key order (per object, arrival order), read as the
     * iterator advances.
     *
     * @throws UnreadableRowException from the iterator, for a key that is not an object's prefix and a sequence number
     */
    public Iterator<Entry> rows(Snapshot snapshot, List<KeyRange> ranges) {
        return new RangeIterator<>(snapshot, keyspace, ranges, kv -> {
            try {
                ByteBuffer key = ByteBuffer.wrap(kv.key());
                return new Entry(ObjectKey.read(key), key.getLong(), kv.value());
            } catch (RuntimeException e) {
                throw new UnreadableRowException(keyspace.name(), kv.key(), e);
            }
        });
    }
}
