package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.OutboxMessage;
import dev.resolute.worker.tables.MetaTable;
import dev.resolute.worker.tables.Tables;

/** Messages to the partition owning an invocation: stored, then handed over after the commit until acknowledged. */
final class Outbox {
    private final Tables tables;
    private final Partition partition;

    Outbox(Tables tables, Partition partition) {
        this.tables = tables;
        this.partition = partition;
    }

    /** Asks the callee's partition to invoke it. */
    void send(ApplyContext ctx, Invoke invoke) {
        deliver(ctx, invoke.getInvocationId().toByteArray(), OutboxMessage.newBuilder().setInvoke(invoke).build());
    }

    /** Stores a message for the partition owning {@code targetId} and hands it over after the commit. */
    void deliver(ApplyContext ctx, byte[] targetId, OutboxMessage message) {
        long seq = tables.meta().next(ctx.tx(), partition.index(), MetaTable.Counter.OUTBOX);
        int to = partition.ownerOf(targetId);
        tables.outbox().append(ctx.tx(), partition.index(), seq, to, message);
        ctx.emit(new Effect.Deliver(partition.index(), seq, to, message));
    }
}
