package dev.resolute.worker.tables;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.engine.pb.Timer;
import dev.resolute.worker.ids.InvocationId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Durable timers. Keys start with the partition and then the wake time, so a partition's timers are one range in
 * due order: a timer service reads the next due ones ({@link #dueFrom}) instead of holding every timer in memory.
 *
 * <pre>timers   partition u16 · wake ms u64 · invocation id (24) · kind u8 · discriminator u64 → Timer</pre>
 */
public final class TimersTable extends Table {
    private static final int KEY_SIZE = 2 + 8 + InvocationId.BYTES + 1 + 8;
    private static final TableSchema SCHEMA = new TableSchema("timers", Optional.empty(),
            List.of(Column.of("partition", ColumnType.U16), Column.of("wake_up_time", ColumnType.U64),
                    Column.of("id", ColumnType.INVOCATION_ID), Column.of("kind", ColumnType.U8),
                    Column.of("discriminator", ColumnType.U64)),
            List.of(Column.message("timer", Timer.getDescriptor())));

    /** Timer kinds in keys, so a sleep and a retry of one invocation due at the same millisecond stay two timers. */
    public enum Kind {
        SLEEP(1), RETRY(2), START(3);

        private final byte code;

        Kind(int code) {
            this.code = (byte) code;
        }
    }

    /**
     * One stored timer.
     *
     * @param key        the row's key, which {@code TimerFired} names
     * @param wakeMillis when it is due, in epoch milliseconds
     * @param timer      what it does; the default instance (no kind) for a row that does not decode, which the
     *                   partition records as rejected when it fires
     */
    public record TimerRow(byte[] key, long wakeMillis, Timer timer) {
    }

    TimersTable(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    /** Stores a timer; returns its key. */
    public byte[] put(Tx tx, int partition, long wakeMillis, byte[] invocationId, Kind kind, long discriminator, Timer timer) {
        byte[] key = key(partition, wakeMillis, invocationId, kind, discriminator);
        tx.put(keyspace, key, timer.toByteArray());
        return key;
    }

    static byte[] key(int partition, long wakeMillis, byte[] invocationId, Kind kind, long discriminator) {
        return ByteBuffer.allocate(KEY_SIZE).putShort((short) partition).putLong(wakeMillis).put(invocationId)
                .put(kind.code).putLong(discriminator).array();
    }

    /** When the timer with this key is due, in epoch milliseconds. The key must satisfy {@link #isKeyOf}. */
    public static long wakeOf(byte[] key) {
        return Bytes.u64(key, 2);
    }

    /** Whether {@code key} can be the key of one of {@code partition}'s timers. */
    public static boolean isKeyOf(int partition, byte[] key) {
        return key.length == KEY_SIZE && Bytes.u16(key, 0) == partition;
    }

    /** Removes the timer and returns it, or empty if it was removed already. The key must satisfy {@link #isKeyOf}. */
    public Optional<TimerRow> take(Tx tx, byte[] key) {
        Optional<byte[]> value = tx.get(keyspace, key);
        value.ifPresent(v -> tx.delete(keyspace, key));
        return value.map(v -> row(key, v));
    }

    /**
     * The partition's timers in due order, starting after {@code afterKey} (from the first when null), at most
     * {@code limit} of them.
     */
    public List<TimerRow> dueFrom(Snapshot snapshot, int partition, byte[] afterKey, int limit) {
        KeyRange all = KeyRange.prefix(Bytes.u16(partition));
        byte[] start = afterKey == null ? all.start() : Arrays.copyOf(afterKey, afterKey.length + 1); // the least key after it
        KeyRange range = all.hasEnd() ? KeyRange.between(start, all.end()) : KeyRange.atLeast(start);
        List<TimerRow> due = new ArrayList<>();
        if (limit > 0) {
            Reads.of(snapshot).scan(keyspace, range, kv -> {
                due.add(row(kv.key(), kv.value()));
                return due.size() < limit;
            });
        }
        return due;
    }

    private static TimerRow row(byte[] key, byte[] value) {
        Timer timer;
        try {
            timer = Timer.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            timer = Timer.getDefaultInstance();
        }
        return new TimerRow(key, wakeOf(key), timer);
    }
}
