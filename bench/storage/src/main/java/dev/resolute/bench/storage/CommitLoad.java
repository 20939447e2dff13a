package dev.resolute.bench.storage;

import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Storage;
import dev.resolute.spi.storage.StorageStats;
import dev.resolute.spi.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** {@code writers} threads each committing one-put batches as fast as commits return. */
final class CommitLoad {

    /** Where the keys of successive commits land. */
    enum Keys {
        /** One global sequence: every commit appends at the end of the keyspace (a log, an outbox). */
        APPEND,
        /** Uniformly random: every commit lands somewhere else (status, state, journals of many invocations). */
        RANDOM
    }

    record Result(double perSecond, double averageGroup, double p50Millis, double p99Millis) {
    }

    private static final AtomicLong KEYSPACES = new AtomicLong();

    private final Storage storage;
    private final Keyspace keyspace;
    private final int writers;
    private final Keys keys;
    private final boolean virtual;
    private final byte[] value;
    private final AtomicLong sequence = new AtomicLong();

    CommitLoad(Storage storage, int writers, int valueSize, Keys keys, boolean virtual) {
        this.storage = storage;
        this.keyspace = storage.keyspace("bench-" + KEYSPACES.incrementAndGet());
        this.writers = writers;
        this.keys = keys;
        this.virtual = virtual;
        this.value = new byte[valueSize];
        new SplittableRandom(valueSize).nextBytes(value); // incompressible
    }

    /** Runs 0.5 s of warm-up, then measures for {@code seconds}. */
    Result run(double seconds) throws InterruptedException {
        long warmEnd = System.nanoTime() + 500_000_000L;
        long end = warmEnd + (long) (seconds * 1e9);
        long[][] latencies = new long[writers][1 << 16];
        int[] counts = new int[writers];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            Runnable loop = () -> {
                SplittableRandom random = new SplittableRandom(id);
                long now;
                while ((now = System.nanoTime()) < end) {
                    storage.commit(new WriteBatch().put(keyspace, key(random), value));
                    if (now >= warmEnd) {
                        latencies[id][counts[id]++ & 0xFFFF] = System.nanoTime() - now;
                    }
                }
            };
            Thread t = virtual ? Thread.ofVirtual().unstarted(loop) : new Thread(loop);
            threads.add(t);
            t.start();
        }
        Thread.sleep(Math.max(0, (warmEnd - System.nanoTime()) / 1_000_000));
        StorageStats before = storage.stats();
        long start = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        StorageStats after = storage.stats();
        long measured = Arrays.stream(counts).asLongStream().sum();
        long[] samples = new long[0];
        for (int w = 0; w < writers; w++) {
            int n = Math.min(counts[w], latencies[w].length);
            long[] merged = Arrays.copyOf(samples, samples.length + n);
            System.arraycopy(latencies[w], 0, merged, samples.length, n);
            samples = merged;
        }
        Arrays.sort(samples);
        long commits = after.commits() - before.commits();
        long syncs = after.syncs() - before.syncs();
        return new Result(measured / elapsed, syncs == 0 ? 0 : (double) commits / syncs,
                samples[samples.length / 2] / 1e6, samples[(int) (samples.length * 0.99)] / 1e6);
    }

    private byte[] key(SplittableRandom random) {
        long k = keys == Keys.APPEND ? sequence.getAndIncrement() : random.nextLong();
        return ByteBuffer.allocate(Long.BYTES).putLong(k).array();
    }
}
