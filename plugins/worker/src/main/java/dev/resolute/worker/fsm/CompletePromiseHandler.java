package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Caller;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.WorkflowPromise;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CompletePromiseCommandMessage;
import dev.resolute.worker.protocol.pb.CompletePromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.Failure;
import dev.resolute.worker.protocol.pb.Void;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;
import java.util.Arrays;
import java.util.Optional;

/**
 * CompletePromise: the first completion of a promise is stored and answers every GetPromise waiting for it, in the
 * journals of the workflow's invocations (all in this partition, since the workflow id decides it); the completer
 * gets void. A promise completed already keeps its completion and the completer gets a 409 failure, as Restate does.
 * A listener whose invocation has ended (or that holds the answer already) is dropped.
 */
final class CompletePromiseHandler implements JournalCommandHandler {
    static final int ALREADY_COMPLETED_CODE = 409;
    static final String ALREADY_COMPLETED_MESSAGE = "promise was already completed";

    private final Tables tables;
    private final Journal journal;

    CompletePromiseHandler(Tables tables, Journal journal) {
        this.tables = tables;
        this.journal = journal;
    }

    @Override
    public void apply(JournalCommand command) {
        CompletePromiseCommandMessage complete = command.message(CompletePromiseCommandMessage.class);
        ObjectKey workflow = Promises.workflowOf(command);
        WorkflowPromise promise = tables.promises().get(command.ctx().tx(), workflow, complete.getKey()).orElse(WorkflowPromise.getDefaultInstance());
        CompletePromiseCompletionNotificationMessage.Builder reply = CompletePromiseCompletionNotificationMessage.newBuilder()
                .setCompletionId(complete.getResultCompletionId());
        if (promise.hasCompletion()) {
            reply.setFailure(Failure.newBuilder().setCode(ALREADY_COMPLETED_CODE).setMessage(ALREADY_COMPLETED_MESSAGE));
        } else {
            Outcome completion = complete.hasCompletionFailure()
                    ? Outcome.newBuilder().setFailure(Signals.failure(complete.getCompletionFailure())).build()
                    : Outcome.newBuilder().setValue(complete.getCompletionValue().getContent()).build();
            tables.promises().put(command.ctx().tx(), workflow, complete.getKey(), WorkflowPromise.newBuilder().setCompletion(completion).build());
            promise.getListenersList().forEach(listener -> answer(command, listener, completion));
            reply.setVoid(Void.getDefaultInstance());
        }
        journal.notifyCompletion(command.ctx(), command.id(), command.status(), MessageType.COMPLETE_PROMISE_COMPLETION.id(), reply.build(),
                complete.getResultCompletionId());
    }

    private void answer(JournalCommand command, Caller listener, Outcome completion) {
        byte[] id = listener.getInvocationId().toByteArray();
        int completionId = listener.getCompletionId();
        ApplyContext ctx = command.ctx();
        boolean completer = Arrays.equals(id, command.id()); // its status is the one being updated in place
        InvocationStatus.Builder status;
        if (completer) {
            status = command.status();
        } else {
            Optional<InvocationStatus> current = tables.status().get(ctx.tx(), id);
            if (current.isEmpty()) {
                return;
            }
            status = current.get().toBuilder().setModifiedAt(ctx.now());
        }
        if (status.getPhase() == Phase.COMPLETED || journal.hasCompletion(ctx, id, completionId)) {
            return;
        }
        journal.notifyCompletion(ctx, id, status, MessageType.GET_PROMISE_COMPLETION.id(),
                GetPromiseHandler.notification(completionId, completion), completionId);
        if (!completer) {
            tables.status().put(ctx.tx(), id, status.build());
        }
    }
}
