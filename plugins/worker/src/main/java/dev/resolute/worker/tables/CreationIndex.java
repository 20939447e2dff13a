package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.ids.InvocationId;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every stored invocation in creation order per partition, kept with the status writes that create and delete
 * invocations, so a list of the newest reads the end of each partition's range instead of every status.
 *
 * <pre>created   partition u16 · created ms u64 · invocation id (24) → empty</pre>
 */
public final class CreationIndex extends Table {
    private static final int KEY_SIZE = 2 + 8 + InvocationId.BYTES;
    private static final TableSchema SCHEMA = new TableSchema("created", Optional.empty(),
            List.of(Column.of("partition", ColumnType.U16), Column.of("created_at", ColumnType.U64),
                    Column.of("id", ColumnType.INVOCATION_ID)),
            List.of());

    /** A place in creation order: newest first means by {@code createdAt} descending, then by id descending. */
    public record Position(long createdAt, byte[] id) {
        /** Oldest first: by creation time, then by the id's bytes, unsigned. */
        public static final Comparator<Position> OLDEST_FIRST = Comparator.comparingLong(Position::createdAt)
                .thenComparing(Position::id, Arrays::compareUnsigned);
    }

    CreationIndex(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    public void add(Tx tx, int partition, long createdAt, byte[] id) {
        tx.put(keyspace, key(partition, createdAt, id), Bytes.EMPTY);
    }

    public void remove(Tx tx, int partition, long createdAt, byte[] id) {
        tx.delete(keyspace, key(partition, createdAt, id));
    }

    /** Deletes the partition's entries. */
    public void clear(Tx tx, int partition) {
        for (KeyValue kv : tx.scan(keyspace, KeyRange.prefix(Bytes.u16(partition)))) {
            tx.delete(keyspace, kv.key());
        }
    }

    /**
     * The partition's invocations created in [{@code from}, {@code before}) and, when {@code below} is given, placed
     * before it (strictly), newest first. The caller closes the iterator (or the snapshot).
     */
    public Newest newestFirst(Snapshot snapshot, int partition, long from, long before, Optional<Position> below) {
        byte[] start = ByteBuffer.allocate(10).putShort((short) partition).putLong(from).array();
        byte[] end = ByteBuffer.allocate(10).putShort((short) partition).putLong(before).array();
        if (below.isPresent() && Arrays.compareUnsigned(key(partition, below.get().createdAt(), below.get().id()), end) < 0) {
            end = key(partition, below.get().createdAt(), below.get().id());
        }
        return new Newest(snapshot.scanReverse(keyspace, KeyRange.between(start, end)));
    }

    /** Every entry of the partition, oldest first (for tests and checks). */
    public List<Position> all(Reads reads, int partition) {
        return reads.scan(keyspace, KeyRange.prefix(Bytes.u16(partition))).stream().map(kv -> position(kv.key())).toList();
    }

    /** One partition's entries read backwards, decoded as they are read. */
    public static final class Newest implements AutoCloseable {
        private final KeyValueIterator entries;

        private Newest(KeyValueIterator entries) {
            this.entries = entries;
        }

        /** The next older entry, or empty at the end of the range. */
        public Optional<Position> next() {
            while (entries.hasNext()) {
                KeyValue kv = entries.next();
                if (kv.key().length == KEY_SIZE) { // a row of another layout is not an invocation this version lists
                    return Optional.of(position(kv.key()));
                }
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            entries.close();
        }
    }

    private static Position position(byte[] key) {
        return new Position(Bytes.u64(key, 2), Arrays.copyOfRange(key, 10, KEY_SIZE));
    }

    private static byte[] key(int partition, long createdAt, byte[] id) {
        return ByteBuffer.allocate(KEY_SIZE).putShort((short) partition).putLong(createdAt).put(id).array();
    }
}
