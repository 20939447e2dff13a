package dev.resolute.spi.invocation;

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
     * what it depends on.
     *
     * @return a future that fails with {@link InvocationException} if the engine refuses the request
     *     (unknown service, partition stopped, ...)
     */
    CompletableFuture<Submission> submit(InvocationRequest request);

    /**
     * The outcome of an invocation, completed when it ends (immediately if it has already ended and
     * its result is retained). The future fails with {@link InvocationException} if the id is unknown.
     */
    CompletableFuture<InvocationOutcome> outcome(String invocationId);

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
}
