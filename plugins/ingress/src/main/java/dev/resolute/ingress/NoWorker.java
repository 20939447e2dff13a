package dev.resolute.ingress;

import dev.resolute.spi.invocation.CompletedInvocation;
import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.spi.invocation.InvocationRequest;
import dev.resolute.spi.invocation.InvocationTarget;
import dev.resolute.spi.invocation.Invocations;
import dev.resolute.spi.invocation.Submission;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's place on a node whose roles include {@code http-ingress} but not {@code worker}: the
 * ingress still starts and validates requests, and every invocation is refused as unavailable, saying why.
 */
final class NoWorker implements Invocations {
    static final String MESSAGE = "No worker runs on this node (its roles do not include \"worker\"), so it cannot run"
            + " invocations. Send the request to the ingress of a node that runs the worker role.";

    @Override
    public CompletableFuture<Submission> submit(InvocationRequest request) {
        return refused();
    }

    @Override
    public CompletableFuture<String> lookup(InvocationTarget target) {
        return refused();
    }

    @Override
    public CompletableFuture<CompletedInvocation> attach(InvocationTarget target) {
        return refused();
    }

    @Override
    public CompletableFuture<Optional<CompletedInvocation>> output(InvocationTarget target) {
        return refused();
    }

    @Override
    public CompletableFuture<Void> resolveAwakeable(String awakeableId, byte[] value) {
        return refused();
    }

    @Override
    public CompletableFuture<Void> rejectAwakeable(String awakeableId, String message) {
        return refused();
    }

    private static <T> CompletableFuture<T> refused() {
        return CompletableFuture.failedFuture(new InvocationException(InvocationException.Kind.UNAVAILABLE, MESSAGE));
    }
}
