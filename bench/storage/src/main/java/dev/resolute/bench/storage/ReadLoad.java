package dev.resolute.bench.storage;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.spi.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random point reads through short snapshots (1,000 gets each), and prefix scans. */
final class ReadLoad {

    static final int POINT_KEYS = 200_000;
    static final int SCAN_KEYS = 100_000;

    private final Storage storage;
    private final Keyspace points;
    private final Keyspace scans;

    ReadLoad(Storage storage) {
        this.storage = storage;
        this.points = storage.keyspace("points");
        this.scans = storage.keyspace("scans");
    }

    /** {@value POINT_KEYS} keys with 200 B values; {@value SCAN_KEYS} with 1 KiB values under 256 one-byte prefixes. */
    void fill() {
        SplittableRandom random = new SplittableRandom(1);
        byte[] small = new byte[200];
        byte[] large = new byte[1024];
        random.nextBytes(small);
        random.nextBytes(large);
        for (int from = 0; from < POINT_KEYS; from += 10_000) {
            WriteBatch batch = new WriteBatch();
            for (int i = from; i < from + 10_000; i++) {
                batch.put(points, pointKey(i), small);
            }
            storage.commit(batch);
        }
        for (int from = 0; from < SCAN_KEYS; from += 10_000) {
            WriteBatch batch = new WriteBatch();
            for (int i = from; i < from + 10_000; i++) {
                batch.put(scans, ByteBuffer.allocate(9).put((byte) (i % 256)).putLong(i).array(), large);
            }
            storage.commit(batch);
        }
    }

    double pointReads(int threads, double seconds) throws InterruptedException {
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        long end = warmEnd + (long) (seconds * 1e9);
        long[] counts = new long[threads];
        List<Thread> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(id);
                while (System.nanoTime() < end) {
                    boolean measuring = System.nanoTime() >= warmEnd;
                    try (Snapshot snap = storage.snapshot()) {
                        for (int i = 0; i < 1000; i++) {
                            if (snap.get(points, pointKey(random.nextInt(POINT_KEYS))).isEmpty()) {
                                throw new IllegalStateException("a key is missing");
                            }
                        }
                    }
                    if (measuring) {
                        counts[id] += 1000;
                    }
                }
            });
            list.add(thread);
            thread.start();
        }
        for (Thread t : list) {
            t.join();
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total / seconds;
    }

    /** MB/s of keys and values, and entries/s, scanning one prefix per snapshot. */
    double[] prefixScans(double seconds) {
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        long end = warmEnd + (long) (seconds * 1e9);
        long bytes = 0;
        long entries = 0;
        long start = 0;
        for (int prefix = 0; System.nanoTime() < end; prefix = (prefix + 1) % 256) {
            if (start == 0 && System.nanoTime() >= warmEnd) {
                start = System.nanoTime();
                bytes = 0;
                entries = 0;
            }
            try (Snapshot snap = storage.snapshot(); KeyValueIterator it = snap.scan(scans, KeyRange.prefix(new byte[] {(byte) prefix}))) {
                while (it.hasNext()) {
                    KeyValue kv = it.next();
                    bytes += kv.key().length + kv.value().length;
                    entries++;
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new double[] {bytes / elapsed / 1e6, entries / elapsed};
    }

    private static byte[] pointKey(int i) {
        return ByteBuffer.allocate(16).putLong(0x5EED).putLong(i * 0x9E3779B97F4A7C15L).array();
    }
}
