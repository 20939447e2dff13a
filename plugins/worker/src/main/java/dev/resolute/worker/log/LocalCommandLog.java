package dev.resolute.worker.log;

import dev.resolute.worker.engine.pb.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command log of a single node: per partition, a queue and one writer thread that drains the
 * queue in batches, hands each batch to the partition's {@link LogApplier} (one storage commit for
 * the whole batch, shared with other partitions by the store's group commit), then completes the
 * proposers' futures and only then carries out the batch's effects. Nothing is stored besides what
 * the applier stores: the applied index continues from the applier's.
 *
 * <p>If applying fails, the partition stops loudly: its pending and later proposals fail with
 * {@link PartitionStoppedException} and {@code onFailure} hears why. A failure is never turned into
 * the rejection of one command, because a replica that failed to read storage must not decide
 * differently from one that did not.
 */
public final class LocalCommandLog implements CommandLog {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCommandLog.class);
    private static final int MAX_BATCH = 512;

    private final PartitionWriter[] writers;

    /**
     * @param partitions how many partitions
     * @param appliers   the applier of each partition
     * @param onFailure  told (partition, cause) when a partition stops because applying failed
     */
    public LocalCommandLog(int partitions, IntFunction<LogApplier> appliers, BiConsumer<Integer, Throwable> onFailure) {
        writers = new PartitionWriter[partitions];
        for (int p = 0; p < partitions; p++) {
            writers[p] = new PartitionWriter(p, appliers.apply(p), onFailure);
        }
    }

    public void start() {
        for (PartitionWriter writer : writers) {
            writer.start();
        }
    }

    @Override
    public CompletableFuture<Applied> propose(int partition, Command command) {
        return writers[partition].propose(command);
    }

    /** The index of the last command {@code partition} applied and committed, as of now; 0 before the first. */
    public long appliedIndex(int partition) {
        return writers[partition].nextIndex - 1;
    }

    /** Whether {@code partition} still applies commands (false once it stopped after a failure, or on stop). */
    public boolean isRunning(int partition) {
        return writers[partition].stopped == null;
    }

    public void stop() throws InterruptedException {
        for (PartitionWriter writer : writers) {
            writer.stop();
        }
    }

    private record Proposal(Command command, CompletableFuture<Applied> applied) {
    }

    /** One partition's queue and single writer thread. */
    private static final class PartitionWriter {
        private final int partition;
        private final LogApplier applier;
        private final BiConsumer<Integer, Throwable> onFailure;
        private final LinkedBlockingQueue<Proposal> queue = new LinkedBlockingQueue<>();
        private final Thread thread;
        private volatile PartitionStoppedException stopped;
        private volatile long nextIndex; // written by the writer thread only; read by status reports

        PartitionWriter(int partition, LogApplier applier, BiConsumer<Integer, Throwable> onFailure) {
            this.partition = partition;
            this.applier = applier;
            this.onFailure = onFailure;
            this.thread = new Thread(this::loop, "partition-" + partition);
            this.thread.setDaemon(true);
        }

        void start() {
            nextIndex = applier.appliedIndex() + 1;
            thread.start();
        }

        CompletableFuture<Applied> propose(Command command) {
            CompletableFuture<Applied> applied = new CompletableFuture<>();
            PartitionStoppedException why = stopped;
            if (why != null) {
                applied.completeExceptionally(why);
                return applied;
            }
            queue.add(new Proposal(command, applied));
            return applied;
        }

        void stop() throws InterruptedException {
            if (stopped == null) {
                stopped = new PartitionStoppedException("partition " + partition + " is stopped", null);
            }
            thread.interrupt();
            thread.join(10_000);
        }

        private void loop() {
            List<Proposal> batch = new ArrayList<>();
            while (stopped == null) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    break;
                }
                queue.drainTo(batch, MAX_BATCH - 1);
                process(batch);
                batch.clear();
            }
            Proposal left;
            while ((left = queue.poll()) != null) {
                left.applied().completeExceptionally(stopped);
            }
        }

        private void process(List<Proposal> batch) {
            List<Command> commands = new ArrayList<>(batch.size());
            batch.forEach(p -> commands.add(p.command()));
            AppliedBatch applied;
            try {
                applied = applier.apply(nextIndex, commands);
            } catch (RuntimeException e) {
                stopped = new PartitionStoppedException("partition " + partition + " stopped: applying a batch of "
                        + batch.size() + " commands failed: " + e, e);
                LOG.error("partition {} stopped: applying a batch of {} commands failed", partition, batch.size(), e);
                onFailure.accept(partition, e); // reported before anyone hears of it, so /health already says why
                batch.forEach(p -> p.applied().completeExceptionally(stopped));
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).applied().complete(new Applied(nextIndex++, applied.replies().get(i)));
            }
            applied.effects().run();
        }
    }
}
