package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.AttachAnswer;
import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.OutboxMessage;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Subscriber;

/**
 * Journals that wait for an invocation's outcome besides its caller: duplicate calls with the same idempotency key
 * and SDK attaches. Each is answered once, through the outbox of its own partition, when the invocation completes,
 * or at once if it has completed already.
 */
final class Subscribers {
    static final Outcome NOT_FOUND = failure(404, "invocation not found");
    static final Outcome NOT_RETAINED = failure(400, "cannot get output for the given invocation: it completed, but its result was not retained");

    private final Outbox outbox;

    Subscribers(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Answers {@code subscriber} now if the invocation has completed, else records it in {@code status} (the caller
     * stores the status). A subscriber recorded already, or the invocation's own caller, is not recorded twice: an
     * outbox redelivery must not answer twice.
     */
    void subscribe(ApplyContext ctx, InvocationStatus.Builder status, Subscriber subscriber) {
        if (status.getPhase() == Phase.COMPLETED) {
            answer(ctx, subscriber, status.hasOutcome() ? status.getOutcome() : NOT_RETAINED);
            return;
        }
        boolean isCaller = status.hasCaller() && status.getCaller().equals(subscriber.getCaller());
        if (!isCaller && !status.getSubscribersList().contains(subscriber)) {
            status.addSubscribers(subscriber);
        }
    }

    /** Answers every recorded subscriber with the outcome the invocation completed with, and forgets them. */
    void completed(ApplyContext ctx, InvocationStatus.Builder status, Outcome outcome) {
        status.getSubscribersList().forEach(s -> answer(ctx, s, outcome));
        status.clearSubscribers();
    }

    void answer(ApplyContext ctx, Subscriber subscriber, Outcome outcome) {
        deliver(ctx, AttachAnswer.newBuilder().setSubscriber(subscriber).setOutcome(outcome).build());
    }

    /** GetInvocationOutput of an invocation that has not completed. */
    void answerNotCompleted(ApplyContext ctx, Subscriber subscriber) {
        deliver(ctx, AttachAnswer.newBuilder().setSubscriber(subscriber).setVoid(true).build());
    }

    private void deliver(ApplyContext ctx, AttachAnswer answer) {
        outbox.deliver(ctx, answer.getSubscriber().getCaller().getInvocationId().toByteArray(),
                OutboxMessage.newBuilder().setAttachAnswer(answer).build());
    }

    private static Outcome failure(int code, String message) {
        return Outcome.newBuilder().setFailure(Failure.newBuilder().setCode(code).setMessage(message)).build();
    }
}
