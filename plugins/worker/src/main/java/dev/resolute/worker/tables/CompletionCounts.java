package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Outcome;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How many stored invocations completed, by handler and ending, and by hour of completion and ending: counted up when
 * an invocation completes and down when its status is deleted, in the same batch, so an overview reads a few counters
 * instead of every completed status. A counter that falls to zero is deleted.
 *
 * <pre>completion-counts   partition u16 · 1 · ending u8 · service STRING · handler UTF-8 → u64
 *                     partition u16 · 2 · hour start ms u64 · ending u8 → u64</pre>
 */
public final class CompletionCounts extends Table {
    private static final byte BY_HANDLER = 1;
    private static final byte BY_HOUR = 2;
    public static final long HOUR_MILLIS = 3_600_000L;
    private static final TableSchema SCHEMA = new TableSchema("completion-counts", Optional.empty(),
            List.of(Column.of("partition", ColumnType.U16), Column.of("kind", ColumnType.U8), Column.of("key", ColumnType.BYTES)),
            List.of(Column.of("count", ColumnType.U64)));

    /** How an invocation ended, as the web UI tells them apart (a 409 {@code killed} or {@code canceled} failure). */
    public enum Ending {
        SUCCEEDED("succeeded"), FAILED("failed"), CANCELLED("cancelled"), KILLED("killed");

        private final String status;

        Ending(String status) {
            this.status = status;
        }

        /** The UI's status of an invocation that ended this way. */
        public String status() {
            return status;
        }

        public static Ending of(Outcome outcome) {
            if (!outcome.hasFailure()) {
                return SUCCEEDED;
            }
            Failure failure = outcome.getFailure();
            String message = failure.getMessage().toLowerCase(Locale.ROOT);
            if (failure.getCode() == 409 && message.equals("killed")) {
                return KILLED;
            }
            return failure.getCode() == 409 && (message.equals("canceled") || message.equals("cancelled")) ? CANCELLED : FAILED;
        }
    }

    /** A handler's count of one ending. */
    public record HandlerCount(String service, String handler, Ending ending, long count) {
    }

    CompletionCounts(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    /** Counts a status that just completed ({@code delta} 1) or a completed status being deleted ({@code delta} -1). */
    public void count(Tx tx, int partition, InvocationStatus completed, int delta) {
        Ending ending = Ending.of(completed.getOutcome());
        byte[] service = completed.getTarget().getService().getBytes(StandardCharsets.UTF_8);
        byte[] handler = completed.getTarget().getHandler().getBytes(StandardCharsets.UTF_8);
        add(tx, ByteBuffer.allocate(2 + 1 + 1 + 4 + service.length + handler.length).putShort((short) partition).put(BY_HANDLER)
                .put((byte) ending.ordinal()).putInt(service.length).put(service).put(handler).array(), delta);
        long hour = Math.floorDiv(completed.getCompletedAt(), HOUR_MILLIS) * HOUR_MILLIS;
        add(tx, ByteBuffer.allocate(2 + 1 + 8 + 1).putShort((short) partition).put(BY_HOUR).putLong(hour)
                .put((byte) ending.ordinal()).array(), delta);
    }

    /** Deletes the partition's entries. */
    public void clear(Tx tx, int partition) {
        for (KeyValue kv : tx.scan(keyspace, KeyRange.prefix(Bytes.u16(partition)))) {
            tx.delete(keyspace, kv.key());
        }
    }

    /** The partition's counts by handler and ending. */
    public List<HandlerCount> byHandler(Reads reads, int partition) {
        return reads.scan(keyspace, KeyRange.prefix(prefix(partition, BY_HANDLER))).stream().map(kv -> {
            ByteBuffer key = ByteBuffer.wrap(kv.key(), 3, kv.key().length - 3);
            Ending ending = ending(key.get());
            byte[] service = new byte[key.getInt()];
            key.get(service);
            byte[] handler = new byte[key.remaining()];
            key.get(handler);
            return new HandlerCount(new String(service, StandardCharsets.UTF_8), new String(handler, StandardCharsets.UTF_8), ending,
                    value(kv));
        }).toList();
    }

    /** The partition's completions of hours starting in [{@code from}, {@code before}), by hour start and ending. */
    public Map<Long, Map<Ending, Long>> byHour(Reads reads, int partition, long from, long before) {
        byte[] prefix = prefix(partition, BY_HOUR);
        Map<Long, Map<Ending, Long>> hours = new TreeMap<>();
        reads.scan(keyspace, KeyRange.between(Bytes.concat(prefix, Bytes.u64(from)), Bytes.concat(prefix, Bytes.u64(before))), kv -> {
            hours.computeIfAbsent(Bytes.u64(kv.key(), 3), h -> new TreeMap<>()).merge(ending(kv.key()[11]), value(kv), Long::sum);
            return true;
        });
        return hours;
    }

    private void add(Tx tx, byte[] key, int delta) {
        long count = tx.get(keyspace, key).map(Bytes::u64).orElse(0L) + delta;
        if (count <= 0) {
            tx.delete(keyspace, key);
        } else {
            tx.put(keyspace, key, Bytes.u64(count));
        }
    }

    private long value(KeyValue kv) {
        if (kv.value().length != 8) {
            throw new UnreadableRowException(keyspace.name(), kv.key(), new IllegalArgumentException("a value of " + kv.value().length + " bytes"));
        }
        return Bytes.u64(kv.value());
    }

    private Ending ending(byte code) {
        Ending[] endings = Ending.values();
        return code >= 0 && code < endings.length ? endings[code] : Ending.FAILED;
    }

    private static byte[] prefix(int partition, byte kind) {
        return ByteBuffer.allocate(3).putShort((short) partition).put(kind).array();
    }
}
