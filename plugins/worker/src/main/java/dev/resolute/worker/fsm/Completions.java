package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Caller;
import dev.resolute.worker.engine.pb.Complete;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.OutboxMessage;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.tables.InboxTable;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;
import java.util.Arrays;
import java.util.Optional;

/** Ending an invocation: its outcome, its object's lock passed to the next in the inbox, its caller answered. */
final class Completions {
    private final Tables tables;
    private final Starts starts;
    private final Outbox outbox;
    private final Subscribers subscribers;
    private final StateReplacements stateReplacements;
    private final Retention retention;
    private final Listings listings;

    Completions(Tables tables, Starts starts, Outbox outbox, Subscribers subscribers, StateReplacements stateReplacements, Retention retention,
                Listings listings) {
        this.tables = tables;
        this.starts = starts;
        this.outbox = outbox;
        this.subscribers = subscribers;
        this.stateReplacements = stateReplacements;
        this.retention = retention;
        this.listings = listings;
    }

    void complete(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, Outcome outcome) {
        subscribers.completed(ctx, status, outcome);
        InvocationStatus completed = status.setPhase(Phase.COMPLETED).setOutcome(outcome).clearAwaiting()
                .setModifiedAt(ctx.now()).setCompletedAt(ctx.now()).build();
        tables.status().put(ctx.tx(), id, completed);
        listings.completed(ctx, completed);
        retention.completed(ctx, id, completed);
        Target target = status.getTarget();
        if (Starts.holdsLock(target)) {
            ObjectKey object = ObjectKey.of(id, target);
            // an invocation that never ran (killed or cancelled in the inbox or while scheduled) does not hold the lock
            if (tables.locks().holder(ctx.tx(), object).filter(holder -> Arrays.equals(holder, id)).isPresent()) {
                passLock(ctx, object);
            }
        }
        if (status.hasCaller()) {
            Caller caller = status.getCaller();
            outbox.deliver(ctx, caller.getInvocationId().toByteArray(), OutboxMessage.newBuilder().setComplete(Complete.newBuilder()
                    .setInvocationId(caller.getInvocationId()).setCompletionId(caller.getCompletionId()).setOutcome(outcome)).build());
        }
        ctx.emit(new Effect.Completed(id, outcome));
    }

    /**
     * Releases the lock, applies the state replacements that arrived before the next invocation of the object's inbox,
     * and hands the lock to that invocation and runs it.
     */
    private void passLock(ApplyContext ctx, ObjectKey object) {
        tables.locks().release(ctx.tx(), object);
        Optional<InboxTable.Entry> next = tables.inbox().first(ctx.tx(), object);
        stateReplacements.applyQueued(ctx, object, next.map(InboxTable.Entry::seq).orElse(Long.MAX_VALUE));
        if (next.isPresent()) {
            byte[] nextId = next.get().invocationId();
            tables.inbox().remove(ctx.tx(), next.get());
            tables.locks().acquire(ctx.tx(), object, nextId);
            tables.status().get(ctx.tx(), nextId).ifPresent(s -> starts.run(ctx, nextId, s.toBuilder()));
        }
    }
}
