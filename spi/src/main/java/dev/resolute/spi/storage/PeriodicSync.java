package dev.resolute.spi.storage;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@code sync-mode = "periodic"}, engine-neutral like {@link GroupCommit}: every interval, on a thread of its
 * own, the engine's sync runs if anything was committed since the last one. A machine crash may lose what
 * was committed within the last interval; a process crash loses nothing the engine has written.
 */
public final class PeriodicSync {
    private static final System.Logger LOG = System.getLogger(PeriodicSync.class.getName());

    /** The engine's sync; returns false when it did not sync (the store is closing). */
    @FunctionalInterface
    public interface Syncer {
        boolean sync() throws Exception;
    }

    private final ScheduledExecutorService timer;
    private final LongSupplier commits;
    private final Syncer syncer;
    private final String store;
    private final AtomicLong syncs = new AtomicLong();
    private long syncedCommits; // timer thread only

    /**
     * Starts the timer.
     *
     * @param threadName the timer thread's name, e.g. {@code lmdb-sync}
     * @param commits    how many commits the store has made so far
     * @param store      names the store in the error log, e.g. {@code LMDB in /data/n1/lmdb}
     */
    public PeriodicSync(String threadName, Duration interval, LongSupplier commits, Syncer syncer, String store) {
        this.commits = commits;
        this.syncer = syncer;
        this.store = store;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long nanos = interval.toNanos();
        timer.scheduleWithFixedDelay(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Syncs done so far. */
    public long syncs() {
        return syncs.get();
    }

    /** Stops the timer and waits (up to 10 s) for a sync in progress; the engine syncs once more itself. */
    public void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void tick() {
        long committed = commits.getAsLong();
        if (committed == syncedCommits) {
            return;
        }
        try {
            if (syncer.sync()) {
                syncedCommits = committed;
                syncs.incrementAndGet();
            }
        } catch (Exception e) {
            LOG.log(Level.ERROR, "periodic sync of " + store + " failed", e);
        }
    }
}
