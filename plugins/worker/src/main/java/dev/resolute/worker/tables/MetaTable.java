package dev.resolute.worker.tables;

import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import java.util.List;
import java.util.Optional;

/**
 * Per-partition numbers under fixed names: sequence counters, the index of the last applied command, and whether
 * the active index and the listings (creation index, completion counts) were built.
 *
 * <pre>meta   partition u16 · name UTF-8 → u64</pre>
 */
public final class MetaTable extends Table {
    private static final TableSchema SCHEMA = new TableSchema("meta", Optional.empty(),
            List.of(Column.of("partition", ColumnType.U16), Column.of("name", ColumnType.UTF8)),
            List.of(Column.of("value", ColumnType.U64)));
    private static final String APPLIED = "applied";
    private static final String ACTIVE_INDEX = "active-index";
    private static final String LISTINGS = "listings";

    /** The sequences a partition draws numbers from; each starts at 1. */
    public enum Counter {
        INBOX("inbox"), OUTBOX("outbox"), REJECTED("rejected");

        private final String name;

        Counter(String name) {
            this.name = name;
        }
    }

    MetaTable(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    /** Draws the counter's next number. */
    public long next(Tx tx, int partition, Counter counter) {
        long next = get(tx, partition, counter.name) + 1;
        put(tx, partition, counter.name, next);
        return next;
    }

    /** The index of the last command applied to the partition; 0 before the first. */
    public long appliedIndex(Reads reads, int partition) {
        return get(reads, partition, APPLIED);
    }

    /** The index of the last command applied to the partition; 0 before the first. */
    public long appliedIndex(Snapshot snapshot, int partition) {
        return appliedIndex(Reads.of(snapshot), partition);
    }

    /** Stores the applied index with the batch that applies up to it. */
    public void putAppliedIndex(Tx tx, int partition, long index) {
        put(tx, partition, APPLIED, index);
    }

    /** Whether the partition's active index lists every non-completed invocation (stores written before it existed do not). */
    public boolean activeIndexBuilt(Reads reads, int partition) {
        return get(reads, partition, ACTIVE_INDEX) != 0;
    }

    public void markActiveIndexBuilt(Tx tx, int partition) {
        put(tx, partition, ACTIVE_INDEX, 1);
    }

    /** Whether the partition's creation index and completion counts cover every status (stores written before them do not). */
    public boolean listingsBuilt(Reads reads, int partition) {
        return get(reads, partition, LISTINGS) != 0;
    }

    public void markListingsBuilt(Tx tx, int partition) {
        put(tx, partition, LISTINGS, 1);
    }

    private long get(Reads reads, int partition, String name) {
        byte[] key = key(partition, name);
        return reads.get(keyspace, key).map(v -> {
            if (v.length != 8) {
                throw new UnreadableRowException(keyspace.name(), key, new IllegalArgumentException("a value of " + v.length + " bytes"));
            }
            return Bytes.u64(v);
        }).orElse(0L);
    }

    private void put(Tx tx, int partition, String name, long value) {
        tx.put(keyspace, key(partition, name), Bytes.u64(value));
    }

    static byte[] key(int partition, String name) {
        return Bytes.concat(Bytes.u16(partition), Bytes.utf8(name));
    }
}
