package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.WorkflowPromise;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.PeekPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.PeekPromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.protocol.pb.Void;
import dev.resolute.worker.tables.Tables;
import java.util.Optional;

/** PeekPromise: the promise's value or failure if it is completed, else void, at once. */
final class PeekPromiseHandler implements JournalCommandHandler {
    private final Tables tables;
    private final Journal journal;

    PeekPromiseHandler(Tables tables, Journal journal) {
        this.tables = tables;
        this.journal = journal;
    }

    @Override
    public void apply(JournalCommand command) {
        PeekPromiseCommandMessage peek = command.message(PeekPromiseCommandMessage.class);
        Optional<Outcome> completion = tables.promises().get(command.ctx().tx(), Promises.workflowOf(command), peek.getKey())
                .filter(WorkflowPromise::hasCompletion).map(WorkflowPromise::getCompletion);
        PeekPromiseCompletionNotificationMessage.Builder n = PeekPromiseCompletionNotificationMessage.newBuilder()
                .setCompletionId(peek.getResultCompletionId());
        if (completion.isEmpty()) {
            n.setVoid(Void.getDefaultInstance());
        } else if (Promises.isFailure(completion.get())) {
            n.setFailure(Promises.failure(completion.get().getFailure()));
        } else {
            n.setValue(Value.newBuilder().setContent(completion.get().getValue()));
        }
        journal.notifyCompletion(command.ctx(), command.id(), command.status(), MessageType.PEEK_PROMISE_COMPLETION.id(), n.build(),
                peek.getResultCompletionId());
    }
}
