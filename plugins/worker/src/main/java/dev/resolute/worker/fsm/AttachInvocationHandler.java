package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.AttachRequest;
import dev.resolute.worker.engine.pb.Caller;
import dev.resolute.worker.engine.pb.OutboxMessage;
import dev.resolute.worker.engine.pb.Subscriber;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.AttachInvocationCommandMessage;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCommandMessage;
import dev.resolute.worker.protocol.pb.IdempotentRequestTarget;
import dev.resolute.worker.protocol.pb.WorkflowTarget;
import java.util.Optional;

/**
 * AttachInvocation and GetInvocationOutput: the target (an invocation id, or the deterministic id of an idempotent
 * request or a workflow's run) is asked, through its partition's outbox, for its outcome; the answer comes back as
 * the command's completion. A target that is not a valid id fails the attempt by name.
 */
final class AttachInvocationHandler implements JournalCommandHandler {
    private final Outbox outbox;
    private final boolean outputOnly;

    /** @param outputOnly GetInvocationOutput (answered at once) rather than AttachInvocation (answered on completion) */
    AttachInvocationHandler(Outbox outbox, boolean outputOnly) {
        this.outbox = outbox;
        this.outputOnly = outputOnly;
    }

    @Override
    public void apply(JournalCommand command) {
        byte[] target;
        int completionId;
        if (outputOnly) {
            GetInvocationOutputCommandMessage get = command.message(GetInvocationOutputCommandMessage.class);
            target = switch (get.getTargetCase()) {
                case INVOCATION_ID -> parse(get.getInvocationId());
                case IDEMPOTENT_REQUEST_TARGET -> idempotent(get.getIdempotentRequestTarget());
                case WORKFLOW_TARGET -> workflow(get.getWorkflowTarget());
                case TARGET_NOT_SET -> throw new AttemptFailure("GetInvocationOutputCommandMessage has no target");
            };
            completionId = get.getResultCompletionId();
        } else {
            AttachInvocationCommandMessage attach = command.message(AttachInvocationCommandMessage.class);
            target = switch (attach.getTargetCase()) {
                case INVOCATION_ID -> parse(attach.getInvocationId());
                case IDEMPOTENT_REQUEST_TARGET -> idempotent(attach.getIdempotentRequestTarget());
                case WORKFLOW_TARGET -> workflow(attach.getWorkflowTarget());
                case TARGET_NOT_SET -> throw new AttemptFailure("AttachInvocationCommandMessage has no target");
            };
            completionId = attach.getResultCompletionId();
        }
        MessageType notification = outputOnly ? MessageType.GET_INVOCATION_OUTPUT_COMPLETION : MessageType.ATTACH_INVOCATION_COMPLETION;
        Subscriber subscriber = Subscriber.newBuilder().setNotificationType(notification.id()).setCaller(Caller.newBuilder()
                .setInvocationId(ByteString.copyFrom(command.id())).setCompletionId(completionId)).build();
        outbox.deliver(command.ctx(), target, OutboxMessage.newBuilder().setAttachRequest(AttachRequest.newBuilder()
                .setTargetId(ByteString.copyFrom(target)).setSubscriber(subscriber).setOutputOnly(outputOnly)).build());
    }

    private static byte[] parse(String text) {
        try {
            return InvocationId.parse(text).toBytes();
        } catch (IllegalArgumentException e) {
            throw new AttemptFailure("the target invocation id is not valid: " + e.getMessage());
        }
    }

    private static byte[] idempotent(IdempotentRequestTarget target) {
        if (target.getIdempotencyKey().isEmpty()) {
            throw new AttemptFailure("the target idempotent request has an empty idempotency key");
        }
        return InvocationId.forIdempotentRequest(target.getServiceName(),
                target.hasServiceKey() ? Optional.of(target.getServiceKey()) : Optional.empty(),
                target.getHandlerName(), target.getIdempotencyKey()).toBytes();
    }

    private static byte[] workflow(WorkflowTarget target) {
        return InvocationId.forWorkflowRun(target.getWorkflowName(), target.getWorkflowKey()).toBytes();
    }
}
