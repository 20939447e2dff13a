package dev.resolute.worker.engine;

import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.fsm.Effect;
import dev.resolute.worker.fsm.PartitionStateMachine;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.log.AppliedBatch;
import dev.resolute.worker.log.LogApplier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one partition's log entries: every command of a batch goes through the state machine into
 * one transaction, which is committed together with the batch's last index (so after a crash the
 * partition knows how far it got), and the effects the commands produced are carried out afterwards —
 * only where this node leads the partition, since followers replay the same commands for their state
 * alone.
 */
final class PartitionRunner implements LogApplier {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionRunner.class);

    private final int partition;
    private final Storage storage;
    private final Tables tables;
    private final PartitionStateMachine stateMachine;
    private final Consumer<Effect> effects;
    private final BooleanSupplier leads;
    private final CommitWatch watch;

    /** @param watch told what each committed batch changed, while anyone watches */
    PartitionRunner(int partition, Storage storage, Tables tables, PartitionStateMachine stateMachine, Consumer<Effect> effects,
                    BooleanSupplier leads, CommitWatch watch) {
        this.partition = partition;
        this.storage = storage;
        this.tables = tables;
        this.stateMachine = stateMachine;
        this.effects = effects;
        this.leads = leads;
        this.watch = watch;
    }

    @Override
    public long appliedIndex() {
        try (Snapshot snapshot = storage.snapshot()) {
            return tables.meta().appliedIndex(snapshot, partition);
        }
    }

    @Override
    public AppliedBatch apply(long firstIndex, List<Command> commands) {
        List<Effect> produced = new ArrayList<>();
        List<Reply> replies = new ArrayList<>(commands.size());
        Tx tx;
        Runnable tellWatchers = null;
        try (Snapshot snapshot = storage.snapshot()) {
            tx = new Tx(snapshot);
            for (Command command : commands) {
                replies.add(stateMachine.apply(command, tx, produced::add));
            }
            tables.meta().putAppliedIndex(tx, partition, firstIndex + commands.size() - 1);
            if (watch.watching()) {
                tellWatchers = watch.changed(partition, tx, Reads.of(snapshot));
            }
        }
        storage.commit(tx.batch()); // after the snapshot is closed: an LMDB map resize waits for open readers
        Runnable told = tellWatchers; // only now that the batch is durable
        return new AppliedBatch(replies, () -> {
            if (told != null) {
                told.run();
            }
            if (leads.getAsBoolean()) {
                produced.forEach(this::carryOut);
            }
        });
    }

    private void carryOut(Effect effect) {
        try {
            effects.accept(effect);
        } catch (RuntimeException e) {
            LOG.error("partition {} effect {} failed: {}", partition, effect.getClass().getSimpleName(), e.toString(), e);
        }
    }
}
