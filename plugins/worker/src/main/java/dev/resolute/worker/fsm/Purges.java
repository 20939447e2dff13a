package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;

/**
 * Deleting what is kept of a completed invocation: its journal alone, or everything — status, journal, notification
 * index and, for a workflow's run, the workflow's own data. Nothing else holds rows of a completed invocation: its lock
 * was passed on, its inbox entry and active-index entry removed at completion; a timer or outbox message left behind
 * finds no status and does nothing.
 */
final class Purges {
    private final Tables tables;
    private final Listings listings;

    Purges(Tables tables, Listings listings) {
        this.tables = tables;
        this.listings = listings;
    }

    /** Deletes the invocation's status and journal; a workflow's run takes the workflow's data with it. */
    void invocation(ApplyContext ctx, byte[] id, InvocationStatus status) {
        tables.status().delete(ctx.tx(), id);
        listings.deleted(ctx, id, status);
        deleteJournal(ctx, id);
        if (status.getTarget().getHandlerKind() == HandlerKind.WORKFLOW_RUN) {
            workflowData(ctx, ObjectKey.of(id, status.getTarget()));
        }
    }

    /** Deletes the journal and its notification index; the status keeps the outcome and says the journal is gone. */
    void journal(ApplyContext ctx, byte[] id, InvocationStatus status) {
        deleteJournal(ctx, id);
        tables.status().put(ctx.tx(), id, status.toBuilder().setJournalLength(0).setModifiedAt(ctx.now()).build());
    }

    private void deleteJournal(ApplyContext ctx, byte[] id) {
        tables.journal().deleteAll(ctx.tx(), id);
        tables.notifications().deleteAll(ctx.tx(), id);
    }

    /** The workflow's state and its durable promises live as long as its run's result (reference §3.2). */
    private void workflowData(ApplyContext ctx, ObjectKey workflow) {
        tables.state().clear(ctx.tx(), workflow);
        tables.promises().deleteAll(ctx.tx(), workflow);
    }
}
