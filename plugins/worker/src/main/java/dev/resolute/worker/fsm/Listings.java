package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.tables.Tables;

/**
 * Keeps what the web UI's lists read in step with the statuses, in the same batch: the creation-order index (an entry
 * when an invocation is created, removed with its status) and the completion counts (up at completion, down when a
 * completed status is deleted). Only the commands that create, complete and delete statuses call it, so an ordinary
 * status write costs nothing extra.
 */
final class Listings {
    private final Tables tables;
    private final Partition partition;

    Listings(Tables tables, Partition partition) {
        this.tables = tables;
        this.partition = partition;
    }

    void created(ApplyContext ctx, byte[] id, long createdAt) {
        tables.created().add(ctx.tx(), partition.index(), createdAt, id);
    }

    void completed(ApplyContext ctx, InvocationStatus completed) {
        tables.completionCounts().count(ctx.tx(), partition.index(), completed, 1);
    }

    /** The invocation's status is deleted. */
    void deleted(ApplyContext ctx, byte[] id, InvocationStatus status) {
        tables.created().remove(ctx.tx(), partition.index(), status.getCreatedAt(), id);
        if (status.getPhase() == Phase.COMPLETED) {
            tables.completionCounts().count(ctx.tx(), partition.index(), status, -1);
        }
    }

    /** Lists a store's statuses once, when it was written before the listings existed. */
    void buildIfMissing(ApplyContext ctx) {
        if (tables.meta().listingsBuilt(ctx.tx(), partition.index())) {
            return;
        }
        tables.created().clear(ctx.tx(), partition.index()); // entries a command applied before this recovery made
        tables.completionCounts().clear(ctx.tx(), partition.index());
        tables.status().forEach(ctx.tx(), partition.index(), partition.count(), (id, status) -> {
            created(ctx, id, status.getCreatedAt());
            if (status.getPhase() == Phase.COMPLETED) {
                completed(ctx, status);
            }
        });
        tables.meta().markListingsBuilt(ctx.tx(), partition.index());
    }
}
