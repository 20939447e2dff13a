package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Complete;
import dev.resolute.worker.engine.pb.OutboxMessage;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Signal;
import dev.resolute.worker.ids.AwakeableId;
import dev.resolute.worker.protocol.pb.CompleteAwakeableCommandMessage;

/**
 * CompleteAwakeable: resolves or rejects another invocation's awakeable (or one of its own) through the outbox of the
 * invocation that waits. A {@code sign_1} id becomes a signal with its index; a legacy {@code prom_1} id completes
 * the completion id equal to its journal index, as Restate's legacy completions do. An id that does not parse fails
 * the attempt by name. A command without a result resolves the awakeable with an empty value.
 */
final class CompleteAwakeableHandler implements JournalCommandHandler {
    private final Outbox outbox;

    CompleteAwakeableHandler(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void apply(JournalCommand command) {
        CompleteAwakeableCommandMessage complete = command.message(CompleteAwakeableCommandMessage.class);
        AwakeableId awakeable;
        try {
            awakeable = AwakeableId.parse(complete.getAwakeableId());
        } catch (IllegalArgumentException e) {
            throw new AttemptFailure("CompleteAwakeableCommandMessage names a bad awakeable id: " + e.getMessage());
        }
        byte[] target = awakeable.invocationId().toBytes();
        ByteString targetId = ByteString.copyFrom(target);
        Outcome outcome = complete.hasFailure()
                ? Outcome.newBuilder().setFailure(Signals.failure(complete.getFailure())).build()
                : Outcome.newBuilder().setValue(complete.getValue().getContent()).build();
        OutboxMessage message = switch (awakeable.kind()) {
            case SIGNAL -> {
                Signal.Builder signal = Signal.newBuilder().setInvocationId(targetId).setIndex(awakeable.index());
                yield OutboxMessage.newBuilder().setSignal(outcome.hasFailure() ? signal.setFailure(outcome.getFailure())
                        : signal.setValue(outcome.getValue())).build();
            }
            case JOURNAL_ENTRY -> OutboxMessage.newBuilder().setComplete(Complete.newBuilder().setInvocationId(targetId)
                    .setCompletionId(awakeable.index()).setOutcome(outcome)).build();
        };
        outbox.deliver(command.ctx(), target, message);
    }
}
