package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.worker.ids.InvocationId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * When completed invocations' retained rows expire, in expiry order per partition: the cleanup reads the due ones
 * from the front of its partition's range instead of scanning every completed invocation.
 *
 * <pre>retention-expiry   partition u16 · expires ms u64 · invocation id (24) · what u8 → empty</pre>
 */
public final class RetentionIndex extends Table {
    private static final int KEY_SIZE = 2 + 8 + InvocationId.BYTES + 1;
    private static final TableSchema SCHEMA = new TableSchema("retention-expiry", Optional.empty(),
            List.of(Column.of("partition", ColumnType.U16), Column.of("expires_at", ColumnType.U64),
                    Column.of("id", ColumnType.INVOCATION_ID), Column.of("what", ColumnType.U8)),
            List.of());

    /** What expires: the journal only, or everything kept of the invocation. */
    public enum What {
        JOURNAL(1), COMPLETION(2);

        private final byte code;

        What(int code) {
            this.code = (byte) code;
        }

        static Optional<What> of(byte code) {
            return Arrays.stream(values()).filter(w -> w.code == code).findFirst();
        }
    }

    /**
     * One index entry.
     *
     * @param key          the row's key
     * @param expiresAt    when it expires, in epoch milliseconds
     * @param invocationId the invocation it concerns
     * @param what         what expires; empty for a row this version does not know, which the cleanup drops
     */
    public record Entry(byte[] key, long expiresAt, byte[] invocationId, Optional<What> what) {
    }

    RetentionIndex(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    public void add(Tx tx, int partition, long expiresAt, byte[] invocationId, What what) {
        byte[] key = ByteBuffer.allocate(KEY_SIZE).putShort((short) partition).putLong(expiresAt).put(invocationId).put(what.code).array();
        tx.put(keyspace, key, Bytes.EMPTY);
    }

    public void remove(Tx tx, Entry entry) {
        tx.delete(keyspace, entry.key());
    }

    /** The partition's entries that expire at {@code now} or before, earliest first, at most {@code limit}. */
    public List<Entry> due(Reads reads, int partition, long now, int limit) {
        byte[] start = Bytes.u16(partition);
        KeyRange range = now == -1L // the top of the unsigned time range: every entry of the partition
                ? KeyRange.prefix(start)
                : KeyRange.between(start, Bytes.concat(start, Bytes.u64(now + 1)));
        List<Entry> due = new ArrayList<>();
        if (limit > 0) {
            reads.scan(keyspace, range, kv -> {
                due.add(entry(kv.key()));
                return due.size() < limit;
            });
        }
        return due;
    }

    private static Entry entry(byte[] key) {
        if (key.length != KEY_SIZE) {
            return new Entry(key, 0, new byte[0], Optional.empty());
        }
        return new Entry(key, Bytes.u64(key, 2), Arrays.copyOfRange(key, 10, 10 + InvocationId.BYTES), What.of(key[KEY_SIZE - 1]));
    }
}
