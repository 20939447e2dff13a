package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Which invocation holds each virtual object's (or workflow's) exclusive lock.
 *
 * <pre>locks   partition key u64 · service · key → invocation id (24)</pre>
 */
public final class LocksTable extends Table {
    private static final TableSchema SCHEMA = new TableSchema("locks", Optional.of("sys_keyed_service_status"),
            List.of(Column.of("partition_key", ColumnType.U64), Column.of("service_name", ColumnType.STRING),
                    Column.of("service_key", ColumnType.STRING)),
            List.of(Column.of("invocation_id", ColumnType.INVOCATION_ID)));

    /** One held lock: the object and the invocation holding it. */
    public record Row(ObjectKey object, byte[] holder) {
    }

    LocksTable(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    /** The invocation holding the object's lock, if any. */
    public Optional<byte[]> holder(Reads reads, ObjectKey object) {
        return reads.get(keyspace, object.prefix());
    }

    public void acquire(Tx tx, ObjectKey object, byte[] invocationId) {
        tx.put(keyspace, object.prefix(), invocationId);
    }

    public void release(Tx tx, ObjectKey object) {
        tx.delete(keyspace, object.prefix());
    }

    /**
     * The held locks in {@code ranges} of the snapshot, read as the iterator advances.
     *
     * @throws UnreadableRowException from the iterator, for a key that is not an object's prefix
     */
    public Iterator<Row> rows(Snapshot snapshot, List<KeyRange> ranges) {
        return new RangeIterator<>(snapshot, keyspace, ranges, kv -> {
            try {
                return new Row(ObjectKey.read(ByteBuffer.wrap(kv.key())), kv.value());
            } catch (RuntimeException e) {
                throw new UnreadableRowException(keyspace.name(), kv.key(), e);
            }
        });
    }
}
