package dev.resolute.worker.fsm;

import com.google.protobuf.MessageLite;
import dev.resolute.worker.engine.pb.AttachAnswer;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Subscriber;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.AttachInvocationCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.CallCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.Failure;
import dev.resolute.worker.protocol.pb.FailureMetadata;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.protocol.pb.Void;
import dev.resolute.worker.tables.Tables;
import java.util.Optional;

/**
 * AttachAnswer, on the subscriber's partition: the outcome of an attached (or duplicate-called) invocation enters
 * the subscriber's journal once, as the notification type it asked for.
 */
final class AttachAnswerHandler implements CommandHandler {
    private final Tables tables;
    private final Journal journal;

    AttachAnswerHandler(Tables tables, Journal journal) {
        this.tables = tables;
        this.journal = journal;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        AttachAnswer answer = command.getAttachAnswer();
        ctx.emit(new Effect.AckOutbox(answer.getFromPartition(), answer.getOutboxSeq()));
        Subscriber subscriber = answer.getSubscriber();
        byte[] id = subscriber.getCaller().getInvocationId().toByteArray();
        int completionId = subscriber.getCaller().getCompletionId();
        Optional<InvocationStatus> current = tables.status().get(ctx.tx(), id);
        if (current.isEmpty() || current.get().getPhase() == Phase.COMPLETED || journal.hasCompletion(ctx, id, completionId)) {
            return; // delivered twice, or to an invocation that no longer waits
        }
        InvocationStatus.Builder status = current.get().toBuilder().setModifiedAt(ctx.now());
        journal.notifyCompletion(ctx, id, status, subscriber.getNotificationType(), notification(answer, completionId), completionId);
        tables.status().put(ctx.tx(), id, status.build());
    }

    /** The notifications share one shape (completion id 1, void 4, value 5, failure 6); each type has its message. */
    private static MessageLite notification(AttachAnswer answer, int completionId) {
        Outcome outcome = answer.getOutcome();
        int type = answer.getSubscriber().getNotificationType();
        if (type == MessageType.GET_INVOCATION_OUTPUT_COMPLETION.id()) {
            var n = GetInvocationOutputCompletionNotificationMessage.newBuilder().setCompletionId(completionId);
            if (answer.hasVoid()) {
                return n.setVoid(Void.getDefaultInstance()).build();
            }
            return outcome.hasFailure() ? n.setFailure(failure(outcome)).build() : n.setValue(value(outcome)).build();
        }
        if (type == MessageType.ATTACH_INVOCATION_COMPLETION.id()) {
            var n = AttachInvocationCompletionNotificationMessage.newBuilder().setCompletionId(completionId);
            return outcome.hasFailure() ? n.setFailure(failure(outcome)).build() : n.setValue(value(outcome)).build();
        }
        var n = CallCompletionNotificationMessage.newBuilder().setCompletionId(completionId);
        return outcome.hasFailure() ? n.setFailure(failure(outcome)).build() : n.setValue(value(outcome)).build();
    }

    private static Value value(Outcome outcome) {
        return Value.newBuilder().setContent(outcome.getValue()).build();
    }

    private static Failure failure(Outcome outcome) {
        Failure.Builder failure = Failure.newBuilder().setCode(outcome.getFailure().getCode()).setMessage(outcome.getFailure().getMessage());
        outcome.getFailure().getMetadataMap().forEach((k, v) -> failure.addMetadata(FailureMetadata.newBuilder().setKey(k).setValue(v)));
        return failure.build();
    }
}
