package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Caller;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage;
import dev.resolute.worker.ids.InvocationId;
import java.util.Optional;

/** Call: the callee's id as a completion, and an invocation of the callee whose result comes back as a completion. */
final class CallHandler implements JournalCommandHandler {
    private final Journal journal;
    private final Outbox outbox;

    CallHandler(Journal journal, Outbox outbox) {
        this.journal = journal;
        this.outbox = outbox;
    }

    @Override
    public void apply(JournalCommand command) {
        CallCommandMessage call = command.message(CallCommandMessage.class);
        Invoke resolved = command.resolvedCallee();
        Optional<String> idempotencyKey = call.hasIdempotencyKey() ? Optional.of(call.getIdempotencyKey()) : Optional.empty();
        byte[] callee = DerivedIds.callee(command.id(), command.index(), resolved.getTarget(), idempotencyKey);
        journal.notifyCompletion(command.ctx(), command.id(), command.status(), MessageType.CALL_INVOCATION_ID_COMPLETION.id(),
                CallInvocationIdCompletionNotificationMessage.newBuilder().setCompletionId(call.getInvocationIdNotificationIdx())
                        .setInvocationId(InvocationId.fromBytes(callee).toString()).build(), call.getInvocationIdNotificationIdx());
        outbox.send(command.ctx(), resolved.toBuilder().setInvocationId(ByteString.copyFrom(callee))
                .setIdempotencyKey(idempotencyKey.orElse("")).setInput(call.getParameter())
                .setCaller(Caller.newBuilder().setInvocationId(ByteString.copyFrom(command.id())).setCompletionId(call.getResultCompletionId()))
                .build());
    }
}
