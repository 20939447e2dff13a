package dev.resolute.tck.storage;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.spi.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The batches the crash child commits, and the check of what survives. Writer {@code t}'s batch
 * {@code seq} puts 1-8 entries under {@code t<t>/<seq>/} (every fifth batch with a 100 KiB value, so
 * that a kill can tear a large write), deletes the range of its batch {@code seq - 3}, and sets
 * {@code heads/t<t>} to {@code seq} — all in one batch. After any crash, for head {@code h} exactly
 * batches {@code h-2..h} must be present, each whole; anything else proves a torn or lost batch.
 */
final class CrashWorkload {

    static final int WRITERS = 4;
    private static final int KEPT = 3;

    private final Keyspace data;
    private final Keyspace heads;

    CrashWorkload(Storage storage) {
        this.data = storage.keyspace("crash-data");
        this.heads = storage.keyspace("crash-heads");
    }

    WriteBatch batch(int writer, long seq) {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < entries(writer, seq); i++) {
            batch.put(data, key(writer, seq, i), value(writer, seq, i));
        }
        if (seq > KEPT) {
            batch.deleteRange(data, KeyRange.prefix(prefix(writer, seq - KEPT)));
        }
        return batch.put(heads, head(writer), ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
    }

    /** The last batch of {@code writer} that is committed, 0 if none. */
    long head(Snapshot snapshot, int writer) {
        return snapshot.get(heads, head(writer)).map(v -> ByteBuffer.wrap(v).getLong()).orElse(0L);
    }

    /**
     * Checks that exactly the batches {@code head-2..head} of {@code writer} are present, whole and
     * byte-exact, and returns {@code head}.
     */
    long verify(Snapshot snapshot, int writer) {
        long head = head(snapshot, writer);
        TreeMap<Long, Integer> found = new TreeMap<>();
        try (KeyValueIterator it = snapshot.scan(data, KeyRange.prefix(("t" + writer + "/").getBytes(StandardCharsets.US_ASCII)))) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                String[] parts = new String(kv.key(), StandardCharsets.US_ASCII).split("/");
                long seq = Long.parseLong(parts[1]);
                int i = Integer.parseInt(parts[2]);
                if (!Arrays.equals(value(writer, seq, i), kv.value())) {
                    throw new AssertionError("writer " + writer + " batch " + seq + " entry " + i + " has a wrong value (" + kv.value().length + " bytes)");
                }
                found.merge(seq, 1, Integer::sum);
            }
        }
        TreeMap<Long, Integer> expected = new TreeMap<>();
        for (long seq = Math.max(1, head - KEPT + 1); seq <= head; seq++) {
            expected.put(seq, entries(writer, seq));
        }
        if (!expected.equals(found)) {
            throw new AssertionError("writer " + writer + " with head " + head + ": expected batches {seq=entries} " + expected
                    + " but found " + found + " (a batch partly present, or lost)");
        }
        return head;
    }

    private static int entries(int writer, long seq) {
        return 1 + (int) ((seq * 7 + writer) % 8);
    }

    private static byte[] key(int writer, long seq, int i) {
        return (new String(prefix(writer, seq), StandardCharsets.US_ASCII) + i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] prefix(int writer, long seq) {
        return String.format("t%d/%012d/", writer, seq).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] head(int writer) {
        return ("t" + writer).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(int writer, long seq, int i) {
        byte[] value = new byte[seq % 5 == 0 && i == 0 ? 100 * 1024 : 100];
        new SplittableRandom(seq * 1_000_003L + writer * 101L + i).nextBytes(value);
        return value;
    }
}
