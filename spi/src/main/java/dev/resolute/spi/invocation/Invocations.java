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
}
