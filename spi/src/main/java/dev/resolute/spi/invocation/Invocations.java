package dev.resolute.spi.invocation;

import java.util.concurrent.CompletableFuture;

/**
 * Starts invocations and hands out their results; published by the {@code worker} role for the
 * ingress. Implementations route by the target's partition key without lookups, and acknowledge
 * only what is durable: {@link #submit} returns once the invocation is committed.
 */
public interface Invocations {

    /**
     * Durably accepts an invocation of {@code request}'s target and returns its id. The caller has
     * validated the target against the schema; the engine re-checks what it depends on.
     *
     * @throws InvocationException if the engine refuses it (unknown service, shutting down, ...)
     */
    Submission submit(InvocationRequest request);

    /**
     * The outcome of an invocation, completed when it ends (immediately if it has already ended and
     * its result is retained). The future fails with {@link InvocationException} if the id is unknown.
     */
    CompletableFuture<InvocationOutcome> outcome(String invocationId);
}
