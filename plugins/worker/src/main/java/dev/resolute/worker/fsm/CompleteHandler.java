package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Complete;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.Failure;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.Tables;
import java.util.Optional;

/**
 * Complete: a callee's outcome, delivered from its partition's outbox into the caller's journal once; or a legacy
 * {@code prom_1} awakeable's result, from another invocation's outbox or directly from the ingress.
 */
final class CompleteHandler implements CommandHandler {
    private final Tables tables;
    private final Journal journal;

    CompleteHandler(Tables tables, Journal journal) {
        this.tables = tables;
        this.journal = journal;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        Complete complete = command.getComplete();
        if (!complete.getDirect()) {
            ctx.emit(new Effect.AckOutbox(complete.getFromPartition(), complete.getOutboxSeq()));
        }
        byte[] id = complete.getInvocationId().toByteArray();
        Optional<InvocationStatus> current = tables.status().get(ctx.tx(), id);
        int completionId = complete.getCompletionId();
        if (current.isEmpty() || current.get().getPhase() == Phase.COMPLETED || journal.hasCompletion(ctx, id, completionId)) {
            return; // delivered twice, or to an invocation that no longer waits
        }
        CallCompletionNotificationMessage.Builder n = CallCompletionNotificationMessage.newBuilder().setCompletionId(completionId);
        Outcome outcome = complete.getOutcome();
        if (outcome.hasFailure()) {
            n.setFailure(Failure.newBuilder().setCode(outcome.getFailure().getCode()).setMessage(outcome.getFailure().getMessage()));
        } else {
            n.setValue(Value.newBuilder().setContent(outcome.getValue()));
        }
        InvocationStatus.Builder status = current.get().toBuilder().setModifiedAt(ctx.now());
        journal.notifyCompletion(ctx, id, status, MessageType.CALL_COMPLETION.id(), n.build(), completionId);
        tables.status().put(ctx.tx(), id, status.build());
    }
}
