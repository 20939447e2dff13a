package dev.resolute.worker.engine;

import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.fsm.Effect;
import dev.resolute.worker.fsm.PartitionStateMachine;
import dev.resolute.worker.tables.Tx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one partition. It drains queued commands, applies them in order to one
 * storage batch, commits that batch (the durability point for all of them, shared with other
 * partitions by the store's group commit), and only then completes the proposers' futures and
 * carries out the effects.
 */
final class PartitionProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionProcessor.class);
    private static final int MAX_BATCH = 512;

    private record Proposal(Command command, CompletableFuture<Void> committed) {
    }

    private final int partition;
    private final Storage storage;
    private final PartitionStateMachine stateMachine;
    private final Consumer<Effect> effects;
    private final LinkedBlockingQueue<Proposal> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    PartitionProcessor(int partition, Storage storage, PartitionStateMachine stateMachine, Consumer<Effect> effects) {
        this.partition = partition;
        this.storage = storage;
        this.stateMachine = stateMachine;
        this.effects = effects;
        this.thread = new Thread(this::loop, "partition-" + partition);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a command; the future completes once the batch holding it is committed. */
    CompletableFuture<Void> propose(Command command) {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        if (!running) {
            committed.completeExceptionally(new IllegalStateException("partition " + partition + " is stopped"));
            return committed;
        }
        queue.add(new Proposal(command, committed));
        return committed;
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }

    private void loop() {
        List<Proposal> batch = new ArrayList<>();
        while (running) {
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
            left.committed().completeExceptionally(new IllegalStateException("partition " + partition + " stopped"));
        }
    }

    private void process(List<Proposal> batch) {
        Set<Proposal> rejected = new HashSet<>();
        List<Effect> produced = new ArrayList<>();
        while (true) {
            produced.clear();
            Tx tx;
            Proposal failing = null;
            try (Snapshot snapshot = storage.snapshot()) {
                tx = new Tx(snapshot);
                for (Proposal p : batch) {
                    if (rejected.contains(p)) {
                        continue;
                    }
                    try {
                        stateMachine.apply(p.command(), tx, produced::add);
                    } catch (RuntimeException e) {
                        failing = p;
                        LOG.error("partition {} cannot apply {} command: {}", partition, p.command().getKindCase(), e.toString(), e);
                        break;
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("partition {} cannot read storage: {}", partition, e.toString());
                batch.forEach(p -> p.committed().completeExceptionally(e));
                return;
            }
            if (failing != null) { // apply again without it, so no half-applied command is committed
                rejected.add(failing);
                failing.committed().completeExceptionally(new IllegalStateException("the engine could not apply this command"));
                continue;
            }
            try {
                storage.commit(tx.batch()); // after the snapshot is closed: an LMDB map resize waits for open readers
            } catch (RuntimeException e) {
                LOG.error("partition {} failed to commit a batch of {} commands: {}", partition, batch.size(), e.toString());
                batch.forEach(p -> p.committed().completeExceptionally(e));
                return;
            }
            break;
        }
        for (Proposal p : batch) {
            if (!rejected.contains(p)) {
                p.committed().complete(null);
            }
        }
        for (Effect effect : produced) {
            try {
                effects.accept(effect);
            } catch (RuntimeException e) {
                LOG.error("partition {} effect {} failed: {}", partition, effect.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }
}
