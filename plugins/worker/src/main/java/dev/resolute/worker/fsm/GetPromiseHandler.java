package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Caller;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.WorkflowPromise;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.GetPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.GetPromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;

/**
 * GetPromise: a completed promise answers at once; otherwise the invocation becomes one of the promise's listeners
 * and {@link CompletePromiseHandler} answers it when the promise is completed.
 */
final class GetPromiseHandler implements JournalCommandHandler {
    private final Tables tables;
    private final Journal journal;

    GetPromiseHandler(Tables tables, Journal journal) {
        this.tables = tables;
        this.journal = journal;
    }

    @Override
    public void apply(JournalCommand command) {
        GetPromiseCommandMessage get = command.message(GetPromiseCommandMessage.class);
        ObjectKey workflow = Promises.workflowOf(command);
        WorkflowPromise promise = tables.promises().get(command.ctx().tx(), workflow, get.getKey()).orElse(WorkflowPromise.getDefaultInstance());
        if (promise.hasCompletion()) {
            journal.notifyCompletion(command.ctx(), command.id(), command.status(), MessageType.GET_PROMISE_COMPLETION.id(),
                    notification(get.getResultCompletionId(), promise.getCompletion()), get.getResultCompletionId());
            return;
        }
        tables.promises().put(command.ctx().tx(), workflow, get.getKey(), promise.toBuilder().addListeners(Caller.newBuilder()
                .setInvocationId(ByteString.copyFrom(command.id())).setCompletionId(get.getResultCompletionId())).build());
    }

    static GetPromiseCompletionNotificationMessage notification(int completionId, Outcome completion) {
        GetPromiseCompletionNotificationMessage.Builder n = GetPromiseCompletionNotificationMessage.newBuilder().setCompletionId(completionId);
        return Promises.isFailure(completion) ? n.setFailure(Promises.failure(completion.getFailure())).build()
                : n.setValue(Value.newBuilder().setContent(completion.getValue())).build();
    }
}
