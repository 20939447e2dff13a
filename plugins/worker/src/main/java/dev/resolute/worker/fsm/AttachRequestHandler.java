package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.AttachRequest;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.tables.Tables;
import java.util.Optional;

/**
 * AttachRequest, on the target's partition: an SDK's AttachInvocation is answered when the target completes (at once
 * if it has), its GetInvocationOutput at once (void while the target runs); an unknown target is a 404 failure.
 */
final class AttachRequestHandler implements CommandHandler {
    private final Tables tables;
    private final Subscribers subscribers;

    AttachRequestHandler(Tables tables, Subscribers subscribers) {
        this.tables = tables;
        this.subscribers = subscribers;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        AttachRequest request = command.getAttachRequest();
        ctx.emit(new Effect.AckOutbox(request.getFromPartition(), request.getOutboxSeq()));
        byte[] target = request.getTargetId().toByteArray();
        Optional<InvocationStatus> current = tables.status().get(ctx.tx(), target);
        if (current.isEmpty()) {
            subscribers.answer(ctx, request.getSubscriber(), Subscribers.NOT_FOUND);
        } else if (request.getOutputOnly() && current.get().getPhase() != Phase.COMPLETED) {
            subscribers.answerNotCompleted(ctx, request.getSubscriber());
        } else {
            InvocationStatus.Builder status = current.get().toBuilder();
            subscribers.subscribe(ctx, status, request.getSubscriber());
            if (status.getPhase() != Phase.COMPLETED) {
                tables.status().put(ctx.tx(), target, status.build());
            }
        }
    }
}
