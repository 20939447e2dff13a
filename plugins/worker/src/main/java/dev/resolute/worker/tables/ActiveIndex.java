package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.ids.PartitionKeys;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The ids of the invocations that are not completed, kept by the {@link StatusTable} whenever it writes a status, so
 * that recovery reads what may need re-driving instead of every status ever written.
 *
 * <pre>active   invocation id (24) → empty</pre>
 */
public final class ActiveIndex extends Table {
    private static final TableSchema SCHEMA = new TableSchema("active", Optional.empty(),
            List.of(Column.of("id", ColumnType.INVOCATION_ID)), List.of());

    ActiveIndex(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    /** The non-completed invocations of a partition, in id order. */
    public List<byte[]> ids(Reads reads, int partition, int partitionCount) {
        List<byte[]> ids = new ArrayList<>();
        for (KeyValue kv : reads.scan(keyspace, idRange(partition, partitionCount))) {
            ids.add(kv.key());
        }
        return ids;
    }

    /** The ids of the non-completed invocations in {@code ranges} of the snapshot, read as the iterator advances. */
    public Iterator<byte[]> ids(Snapshot snapshot, List<KeyRange> ranges) {
        return new RangeIterator<>(snapshot, keyspace, ranges, KeyValue::key);
    }

    void add(Tx tx, byte[] id) {
        if (tx.get(keyspace, id).isEmpty()) { // a read is cheaper than rewriting the entry at every status change
            tx.put(keyspace, id, Bytes.EMPTY);
        }
    }

    void remove(Tx tx, byte[] id) {
        tx.delete(keyspace, id);
    }

    /** The ids of a partition: ids start with their partition key, big-endian, so a partition is one range. */
    static KeyRange idRange(int partition, int partitionCount) {
        PartitionKeys.KeyRange keys = PartitionKeys.range(partition, partitionCount);
        byte[] first = Bytes.u64(keys.first());
        return keys.last() == -1L // the last partition ends at the top of the unsigned key space
                ? KeyRange.atLeast(first)
                : KeyRange.between(first, Bytes.u64(keys.last() + 1));
    }
}
