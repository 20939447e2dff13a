package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.tables.Tables;

/** OutboxAck: the target applied a message, so it is not sent again. */
final class OutboxAckHandler implements CommandHandler {
    private final Tables tables;
    private final Partition partition;

    OutboxAckHandler(Tables tables, Partition partition) {
        this.tables = tables;
        this.partition = partition;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        tables.outbox().remove(ctx.tx(), partition.index(), command.getOutboxAck().getSeq());
    }
}
