package dev.resolute.worker.engine;

import dev.resolute.worker.engine.pb.Cleanup;
import dev.resolute.worker.log.Applied;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proposes a {@code Cleanup} to every partition each {@code worker.cleanup-interval}: the partitions' state machines
 * have no clock, so the expiry of retained invocations is decided by the time this stamps on the command. A partition
 * with more due entries than one command deletes is asked again at once.
 */
final class Cleaner {
    private static final Logger LOG = LoggerFactory.getLogger(Cleaner.class);
    /** Index entries one cleanup command deletes at most: one transaction of bounded size. */
    static final int ENTRIES_PER_COMMAND = 1000;

    private final Partitions partitions;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "retention-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    Cleaner(Partitions partitions) {
        this.partitions = partitions;
    }

    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::cleanEveryPartition, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void cleanEveryPartition() {
        for (int p = 0; p < partitions.count() && !Thread.currentThread().isInterrupted(); p++) {
            try {
                Applied applied;
                do {
                    applied = partitions.propose(p, Partitions.command().setCleanup(Cleanup.newBuilder().setLimit(ENTRIES_PER_COMMAND)).build())
                            .get(ClientProposals.COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } while (applied.reply().getMoreDue() && !Thread.currentThread().isInterrupted());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) { // a stopped partition (reported by its health) or a slow commit: the next round retries
                LOG.debug("partition {}: retention cleanup not applied: {}", p, e.toString());
            }
        }
    }
}
