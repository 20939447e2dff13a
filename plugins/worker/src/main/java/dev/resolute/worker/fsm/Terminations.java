package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.engine.pb.OutboxMessage;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.SignalNotificationMessage;
import dev.resolute.worker.protocol.pb.Void;
import dev.resolute.worker.tables.NotificationId;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ending or cancelling an invocation from outside it (the admin API, or a cancel or kill its caller propagated): the
 * failures Restate ends it with, the cancel signal, and the callees it still waits for.
 */
final class Terminations {
    /** Restate's code and messages for an invocation ended from outside ({@code crates/types/src/errors.rs}). */
    static final int CODE = 409;
    static final String CANCELED = "canceled";
    static final String KILLED = "killed";
    /** The built-in signal index that asks an SDK to cancel the invocation. */
    static final int CANCEL_SIGNAL = 1;

    private final Tables tables;
    private final Journal journal;
    private final Starts starts;
    private final Completions completions;
    private final Outbox outbox;

    Terminations(Tables tables, Journal journal, Starts starts, Completions completions, Outbox outbox) {
        this.tables = tables;
        this.journal = journal;
        this.starts = starts;
        this.completions = completions;
        this.outbox = outbox;
    }

    /**
     * Ends a non-completed invocation at once with failure {@link #CODE} {@code message}: taken out of its object's
     * inbox, its running attempt stopped, its lock passed on, its caller and waiters answered.
     */
    void end(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, String message) {
        if (status.getPhase() == Phase.INBOXED) {
            tables.inbox().remove(ctx.tx(), ObjectKey.of(id, status.getTarget()), id);
        } else if (status.getPhase() == Phase.INVOKED) {
            ctx.emit(new Effect.StopAttempt(id, status.getEpoch(), "the invocation was " + message));
        }
        completions.complete(ctx, id, status.setModifiedAt(ctx.now()),
                Outcome.newBuilder().setFailure(Failure.newBuilder().setCode(CODE).setMessage(message)).build());
    }

    /**
     * Cancels a non-completed invocation: one not started yet (inboxed or scheduled) ends at once with 409
     * {@link #CANCELED}; a started one gets the cancel signal and the callees it waits for are cancelled too.
     *
     * @return whether it ended at once
     */
    boolean cancel(ApplyContext ctx, byte[] id, InvocationStatus.Builder status) {
        if (status.getPhase() == Phase.SCHEDULED || status.getPhase() == Phase.INBOXED) {
            end(ctx, id, status, CANCELED);
            return true;
        }
        signalCancel(ctx, id, status);
        propagate(ctx, id, false);
        return false;
    }

    /**
     * Appends the cancel signal to a started invocation's journal (once: a second cancel finds it there) and runs it if
     * it is suspended or paused, so its SDK sees the signal and ends it.
     */
    private void signalCancel(ApplyContext ctx, byte[] id, InvocationStatus.Builder status) {
        NotificationId cancel = new NotificationId.Signal(CANCEL_SIGNAL);
        status.setModifiedAt(ctx.now());
        if (!journal.has(ctx, id, cancel)) {
            journal.notify(ctx, id, status, MessageType.SIGNAL_NOTIFICATION.id(), SignalNotificationMessage.newBuilder()
                    .setIdx(CANCEL_SIGNAL).setVoid(Void.getDefaultInstance()).build(), cancel);
        }
        if (status.getPhase() == Phase.PAUSED) { // it used up its retries: the cancelling attempt gets a fresh budget
            starts.run(ctx, id, status.setAttemptsAtResume(status.getAttempts()));
        } else if (status.getPhase() == Phase.SUSPENDED) { // suspended on something else than the signal
            starts.run(ctx, id, status);
        } else {
            tables.status().put(ctx.tx(), id, status.build());
        }
    }

    /**
     * Cancels (or kills) the callees the invocation called and still waits for — its Call commands whose result has
     * not arrived — through the outbox to their partitions. A callee that completed meanwhile answers with a conflict
     * nobody waits for; one cancelled twice (its SDK also sends the cancel signal) keeps the first signal.
     */
    void propagate(ApplyContext ctx, byte[] id, boolean kill) {
        Map<Integer, String> calleeByNotification = new HashMap<>();
        List<CallCommandMessage> calls = new ArrayList<>();
        for (JournalEntry entry : tables.journal().entries(ctx.tx(), id)) {
            try {
                if (entry.getType() == MessageType.CALL_COMMAND.id()) {
                    calls.add(CallCommandMessage.parseFrom(entry.getPayload()));
                } else if (entry.getType() == MessageType.CALL_INVOCATION_ID_COMPLETION.id()) {
                    CallInvocationIdCompletionNotificationMessage n = CallInvocationIdCompletionNotificationMessage.parseFrom(entry.getPayload());
                    calleeByNotification.put(n.getCompletionId(), n.getInvocationId());
                }
            } catch (InvalidProtocolBufferException e) {
                // stored only after it parsed: an entry that no longer does names no callee to reach
            }
        }
        for (CallCommandMessage call : calls) {
            String callee = calleeByNotification.get(call.getInvocationIdNotificationIdx());
            if (callee != null && !journal.hasCompletion(ctx, id, call.getResultCompletionId())) {
                byte[] calleeId = InvocationId.parse(callee).toBytes();
                ManageInvocation message = ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(calleeId)).build();
                outbox.deliver(ctx, calleeId, kill ? OutboxMessage.newBuilder().setKill(message).build()
                        : OutboxMessage.newBuilder().setCancel(message).build());
            }
        }
    }
}
