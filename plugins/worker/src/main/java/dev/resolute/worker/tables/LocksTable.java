package dev.resolute.worker.tables;

import dev.resolute.spi.storage.Keyspace;
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
}
