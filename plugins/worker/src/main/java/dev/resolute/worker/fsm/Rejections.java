package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Rejection;
import dev.resolute.worker.tables.MetaTable;
import dev.resolute.worker.tables.Tables;

/** Records a command (or part of one) the partition cannot apply, with the reason, and reports it for the log. */
final class Rejections {
    private final Tables tables;
    private final Partition partition;

    Rejections(Tables tables, Partition partition) {
        this.tables = tables;
        this.partition = partition;
    }

    /** @param invocationId the invocation the command concerned; empty if none */
    void record(ApplyContext ctx, String command, ByteString invocationId, String reason) {
        long seq = tables.meta().next(ctx.tx(), partition.index(), MetaTable.Counter.REJECTED);
        tables.rejected().put(ctx.tx(), partition.index(), seq, Rejection.newBuilder().setAt(ctx.now()).setCommand(command)
                .setInvocationId(invocationId).setReason(reason).build());
        ctx.emit(new Effect.Rejected(partition.index(), command, reason));
    }
}
