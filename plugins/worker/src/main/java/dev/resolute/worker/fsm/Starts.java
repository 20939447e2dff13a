package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.tables.MetaTable;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;

/** Starting invocations: taking an object's lock or queuing in its inbox, and running a new attempt. */
final class Starts {
    private final Tables tables;
    private final Partition partition;

    Starts(Tables tables, Partition partition) {
        this.tables = tables;
        this.partition = partition;
    }

    /** Takes the object's lock (or queues in its inbox) and runs the first attempt. */
    void start(ApplyContext ctx, byte[] id, InvocationStatus.Builder status) {
        Target target = status.getTarget();
        if (holdsLock(target)) {
            ObjectKey object = ObjectKey.of(id, target);
            if (tables.locks().holder(ctx.tx(), object).isPresent()) {
                long seq = tables.meta().next(ctx.tx(), partition.index(), MetaTable.Counter.INBOX);
                tables.inbox().enqueue(ctx.tx(), object, seq, id);
                tables.status().put(ctx.tx(), id, status.setPhase(Phase.INBOXED).setInboxedAt(ctx.now()).setModifiedAt(ctx.now()).build());
                return;
            }
            tables.locks().acquire(ctx.tx(), object, id);
        }
        run(ctx, id, status);
    }

    /** Runs a new attempt: a new epoch, so frames of earlier attempts are recognised as stale. */
    void run(ApplyContext ctx, byte[] id, InvocationStatus.Builder status) {
        long epoch = status.getEpoch() + 1;
        if (status.getRunningAt() == 0) {
            status.setRunningAt(ctx.now());
        }
        tables.status().put(ctx.tx(), id, status.setPhase(Phase.INVOKED).setEpoch(epoch).setAttempts(status.getAttempts() + 1)
                .clearAwaiting().setLastStartAt(ctx.now()).setModifiedAt(ctx.now()).build());
        ctx.emit(new Effect.StartAttempt(id, epoch));
    }

    /** Exclusive handlers and workflow runs hold their object's lock while they run. */
    static boolean holdsLock(Target target) {
        return target.getHandlerKind() == HandlerKind.EXCLUSIVE || target.getHandlerKind() == HandlerKind.WORKFLOW_RUN;
    }
}
