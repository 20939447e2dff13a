package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.tables.OutboxTable;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.UnreadableRowException;
import java.util.Optional;

/**
 * Recover, after a restart: re-sends the outbox and re-drives the invocations that were running, read from the index
 * of non-completed invocations. Timers are not re-armed here: the timer service reads them from the timers table in
 * due order. A row that does not decode is recorded as a rejection and the rest recovers.
 */
final class RecoverHandler implements CommandHandler {
    private static final String COMMAND = Command.KindCase.RECOVER.name();

    private final Tables tables;
    private final Partition partition;
    private final Starts starts;
    private final Rejections rejections;
    private final Listings listings;

    RecoverHandler(Tables tables, Partition partition, Starts starts, Rejections rejections, Listings listings) {
        this.tables = tables;
        this.partition = partition;
        this.starts = starts;
        this.rejections = rejections;
        this.listings = listings;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        if (!tables.meta().activeIndexBuilt(ctx.tx(), partition.index())) { // a store written before the index existed
            tables.status().indexActive(ctx.tx(), partition.index(), partition.count());
            tables.meta().markActiveIndexBuilt(ctx.tx(), partition.index());
        }
        listings.buildIfMissing(ctx);
        for (OutboxTable.Row row : tables.outbox().pending(ctx.tx(), partition.index())) {
            try {
                ctx.emit(new Effect.Deliver(partition.index(), row.seq(), row.targetPartition(), row.message()));
            } catch (UnreadableRowException e) {
                tables.outbox().remove(ctx.tx(), partition.index(), row.seq()); // nothing can deliver it
                rejections.record(ctx, COMMAND, ByteString.EMPTY, e.getMessage() + "; dropped");
            }
        }
        for (byte[] id : tables.active().ids(ctx.tx(), partition.index(), partition.count())) {
            Optional<InvocationStatus> status;
            try {
                status = tables.status().get(ctx.tx(), id);
            } catch (UnreadableRowException e) {
                rejections.record(ctx, COMMAND, ByteString.copyFrom(id), e.getMessage());
                continue;
            }
            if (status.isPresent() && status.get().getPhase() == Phase.INVOKED) {
                starts.run(ctx, id, status.get().toBuilder());
            }
        }
    }
}
