package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.OneWayCallCommandMessage;
import java.util.Optional;

/** OneWayCall (send): the callee's id as a completion, and an invocation of the callee, possibly delayed. */
final class OneWayCallHandler implements JournalCommandHandler {
    private final Journal journal;
    private final Outbox outbox;

    OneWayCallHandler(Journal journal, Outbox outbox) {
        this.journal = journal;
        this.outbox = outbox;
    }

    @Override
    public void apply(JournalCommand command) {
        OneWayCallCommandMessage send = command.message(OneWayCallCommandMessage.class);
        Invoke resolved = command.resolvedCallee();
        Optional<String> idempotencyKey = send.hasIdempotencyKey() ? Optional.of(send.getIdempotencyKey()) : Optional.empty();
        byte[] callee = DerivedIds.callee(command.id(), command.index(), resolved.getTarget(), idempotencyKey);
        journal.notifyCompletion(command.ctx(), command.id(), command.status(), MessageType.CALL_INVOCATION_ID_COMPLETION.id(),
                CallInvocationIdCompletionNotificationMessage.newBuilder().setCompletionId(send.getInvocationIdNotificationIdx())
                        .setInvocationId(InvocationId.fromBytes(callee).toString()).build(), send.getInvocationIdNotificationIdx());
        outbox.send(command.ctx(), resolved.toBuilder().setInvocationId(ByteString.copyFrom(callee))
                .setIdempotencyKey(idempotencyKey.orElse("")).setInput(send.getParameter()).setSender(ByteString.copyFrom(command.id()))
                .setExecutionTime(send.getInvokeTime()).build());
    }
}
