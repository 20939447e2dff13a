package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.ProposeRunCompletionAckMessage;
import dev.resolute.worker.protocol.pb.ProposeRunCompletionMessage;
import dev.resolute.worker.protocol.pb.RunCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.NotificationId;
import java.util.List;

/**
 * ProposeRunCompletion: the result of a {@code ctx.run} closure, stored as its completion (the first proposal wins)
 * and sent back, as a V7 acknowledgement when asked for one.
 */
final class RunCompletionHandler implements JournalCommandHandler {
    private final Journal journal;

    RunCompletionHandler(Journal journal) {
        this.journal = journal;
    }

    @Override
    public boolean journaled() {
        return false; // the proposal is not a command: its result enters the journal as a notification
    }

    @Override
    public void apply(JournalCommand command) {
        ProposeRunCompletionMessage proposal = command.message(ProposeRunCompletionMessage.class);
        int completionId = proposal.getResultCompletionId();
        if (journal.hasCompletion(command.ctx(), command.id(), completionId)) {
            return; // proposed twice (a retried attempt re-ran the closure): the first result stays
        }
        RunCompletionNotificationMessage.Builder n = RunCompletionNotificationMessage.newBuilder().setCompletionId(completionId);
        if (proposal.hasFailure()) {
            n.setFailure(proposal.getFailure());
        } else {
            n.setValue(Value.newBuilder().setContent(proposal.getValue()));
        }
        boolean ack = (command.frame().getFlags() & MessageType.REQUESTED_ACK) != 0
                && command.status().getDeployment().getProtocolVersion() >= 7;
        int index = journal.storeNotification(command.ctx(), command.id(), command.status(), MessageType.RUN_COMPLETION.id(),
                n.build().toByteString(), new NotificationId.Completion(completionId));
        Frame out = ack
                ? Journal.frame(MessageType.PROPOSE_RUN_COMPLETION_ACK.id(), ProposeRunCompletionAckMessage.newBuilder().setCompletionId(completionId).build(), index)
                : Journal.frame(MessageType.RUN_COMPLETION.id(), n.build(), index);
        command.ctx().emit(new Effect.Notify(command.id(), command.status().getEpoch(), List.of(out)));
    }
}
