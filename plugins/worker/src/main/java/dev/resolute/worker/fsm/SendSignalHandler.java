package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.OutboxMessage;
import dev.resolute.worker.engine.pb.Signal;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.pb.SendSignalCommandMessage;

/**
 * SendSignal: a signal by index or by name to another invocation, through the outbox of the target's partition.
 * Index 1 is the built-in cancel signal, which SDKs send to cancel the calls they made. A target id that does not
 * parse, or a signal with neither index nor name, fails the attempt by name. A signal without a result is void.
 */
final class SendSignalHandler implements JournalCommandHandler {
    private final Outbox outbox;

    SendSignalHandler(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void apply(JournalCommand command) {
        SendSignalCommandMessage send = command.message(SendSignalCommandMessage.class);
        byte[] target;
        try {
            target = InvocationId.parse(send.getTargetInvocationId()).toBytes();
        } catch (IllegalArgumentException e) {
            throw new AttemptFailure("SendSignalCommandMessage names a bad target: " + e.getMessage());
        }
        Signal.Builder signal = Signal.newBuilder().setInvocationId(ByteString.copyFrom(target));
        switch (send.getSignalIdCase()) {
            case IDX -> signal.setIndex(send.getIdx());
            case NAME -> signal.setName(send.getName());
            case SIGNALID_NOT_SET -> throw new AttemptFailure("SendSignalCommandMessage has neither a signal index nor a name");
        }
        switch (send.getResultCase()) {
            case VALUE -> signal.setValue(send.getValue().getContent());
            case FAILURE -> signal.setFailure(Signals.failure(send.getFailure()));
            case VOID, RESULT_NOT_SET -> signal.setVoid(true);
        }
        outbox.deliver(command.ctx(), target, OutboxMessage.newBuilder().setSignal(signal).build());
    }
}
