package dev.resolute.tck.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.spi.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Multi-threaded checks of the suite: readers racing a writer, and many committers at once. */
final class Concurrency {

    private static final int KEYS = 8;
    private static final byte[] TRAIL = "trail/".getBytes(StandardCharsets.US_ASCII);

    private Concurrency() {
    }

    /**
     * One writer commits {@code batches} generations; each sets {@value KEYS} keys of one keyspace and
     * one of another to the generation, and replaces a trail entry by a range delete and a put. Readers
     * must always see one generation everywhere, never going back.
     */
    static void readersSeeWholeBatches(Storage storage, int batches, int readers) throws Exception {
        Keyspace a = storage.keyspace("whole-a");
        Keyspace b = storage.keyspace("whole-b");
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            Thread t = new Thread(() -> {
                long last = 0;
                try {
                    while (!done.get() && failure.get() == null) {
                        try (Snapshot snap = storage.snapshot()) {
                            long generation = generation(snap, a, b);
                            if (generation < last) {
                                throw new AssertionError("generation went back from " + last + " to " + generation);
                            }
                            last = generation;
                            reads.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "reader-" + r);
            threads.add(t);
            t.start();
        }
        try {
            for (long g = 1; g <= batches && failure.get() == null; g++) {
                byte[] value = ByteBuffer.allocate(Long.BYTES).putLong(g).array();
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < KEYS; i++) {
                    batch.put(a, key(i), value);
                }
                batch.put(b, key(0), value).deleteRange(a, KeyRange.prefix(TRAIL)).put(a, trail(g), value);
                storage.commit(batch);
            }
        } finally {
            done.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("a reader saw a partial batch: " + failure.get().getMessage(), failure.get());
        }
        assertTrue(reads.get() > readers, "the readers hardly ran: " + reads.get() + " snapshots");
    }

    /** {@code threads} threads each commit {@code each} single-put batches at once; all must land. */
    static void commitFromManyThreads(Storage storage, int threads, int each) throws Exception {
        Keyspace ks = storage.keyspace("many");
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> committers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        storage.commit(new WriteBatch().put(ks, ("t" + id + "/" + i).getBytes(StandardCharsets.US_ASCII), new byte[200]));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            committers.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread t : committers) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a commit failed", failure.get());
        }
        try (Snapshot snap = storage.snapshot(); KeyValueIterator it = snap.scan(ks, KeyRange.all())) {
            int count = 0;
            while (it.hasNext()) {
                it.next();
                count++;
            }
            assertEquals(threads * each, count);
        }
    }

    private static long generation(Snapshot snap, Keyspace a, Keyspace b) {
        long generation = snap.get(b, key(0)).map(v -> ByteBuffer.wrap(v).getLong()).orElse(0L);
        for (int i = 0; i < KEYS; i++) {
            long g = snap.get(a, key(i)).map(v -> ByteBuffer.wrap(v).getLong()).orElse(0L);
            if (g != generation) {
                throw new AssertionError("key " + i + " is at generation " + g + " but the other keyspace at " + generation);
            }
        }
        List<Long> trails = new ArrayList<>();
        try (KeyValueIterator it = snap.scanReverse(a, KeyRange.prefix(TRAIL))) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                trails.add(ByteBuffer.wrap(kv.value()).getLong());
            }
        }
        if (!trails.equals(generation == 0 ? List.of() : List.of(generation))) {
            throw new AssertionError("generation " + generation + " but trail entries " + trails);
        }
        return generation;
    }

    private static byte[] key(int i) {
        return ("k" + i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] trail(long g) {
        return ByteBuffer.allocate(TRAIL.length + Long.BYTES).put(TRAIL).putLong(g).array();
    }
}
