package dev.resolute.spi.invocation;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Starts invocations and hands out their results; published by the {@code worker} role for the
 * ingress. Implementations route by the target's partition key without lookups, and acknowledge
 * only what is durable: {@link #submit}'s future completes once the invocation is committed.
 * Neither method blocks, and their futures never complete on a thread that applies commands (a
 * partition's writer), so callers may write responses from their callbacks.
 */
public interface Invocations {

    /**
     * Durably accepts an invocation of {@code request}'s target; the future completes with its id once
     * it is committed. The caller has validated the target against the schema; the engine re-checks
     * what it depends on. A request with an idempotency key, and a workflow's run, get a deterministic id:
     * when that invocation exists already nothing new is started, and the {@link Submission} has the
     * original id and {@link Submission#previouslyAccepted()} set (however many such requests race).
     *
     * @return a future that fails with {@link InvocationException} if the engine refuses the request
     *     (unknown service, partition stopped, ...)
     */
    CompletableFuture<Submission> submit(InvocationRequest request);

    /**
     * The outcome of an invocation, completed when it ends (immediately if it has already ended and
     * its result is retained): {@link #attach} by id, without the rest of the result. The future fails
     * as {@link #attach}'s does.
     */
    default CompletableFuture<InvocationOutcome> outcome(String invocationId) {
        return attach(new InvocationTarget.ById(invocationId)).thenApply(CompletedInvocation::outcome);
    }

    /**
     * Durably resolves the awakeable {@code awakeableId} (a {@code sign_1…} id an SDK handed out, or a
     * legacy {@code prom_1…} one) with {@code value}, the raw bytes its awaiter receives; the future completes
     * once the result is committed for the invocation that waits. The first result of an awakeable wins: a
     * later resolve or reject is accepted and dropped, as is a result for an invocation that has completed.
     *
     * @return a future that fails with {@link InvocationException} of kind {@code INVALID_REQUEST} if the id
     *     is malformed (its message says what is wrong with it), or {@code UNAVAILABLE} if it cannot be stored
     */
    CompletableFuture<Void> resolveAwakeable(String awakeableId, byte[] value);

    /**
     * Durably rejects the awakeable {@code awakeableId} with a failure of code 500 and {@code message}, as
     * {@link #resolveAwakeable} resolves one.
     *
     * @return a future that fails as {@link #resolveAwakeable}'s does
     */
    CompletableFuture<Void> rejectAwakeable(String awakeableId, String message);

    /**
     * The id {@code target} names, computed without reading storage (the invocation need not exist).
     *
     * @return a future that fails with {@link InvocationException} of kind {@code INVALID_REQUEST} if a
     *     {@link InvocationTarget.ById} id is malformed
     */
    CompletableFuture<String> lookup(InvocationTarget target);

    /**
     * Waits for the invocation {@code target} names to complete and hands out its result, at once if it has
     * completed already ({@link CompletedInvocation#retainedUntil()} set then, if it has a retention). Never
     * starts anything.
     *
     * @return a future that fails with {@link InvocationException} of kind {@code NOT_FOUND} ("invocation not
     *     found") for an unknown invocation, {@code INVALID_REQUEST} for a malformed id or for an invocation that
     *     completed but whose result was not retained (the message says so), {@code UNAVAILABLE} if the engine
     *     cannot answer
     */
    CompletableFuture<CompletedInvocation> attach(InvocationTarget target);

    /**
     * The result of the invocation {@code target} names if it has completed, without waiting: empty while it is
     * still scheduled, queued or running.
     *
     * @return a future that fails as {@link #attach}'s does
     */
    CompletableFuture<Optional<CompletedInvocation>> output(InvocationTarget target);
}
