package dev.resolute.spi.invocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An invocation's result as attach and output hand it out.
 *
 * @param invocationId  the invocation's id, {@code inv_1…}
 * @param service       the service, object or workflow it invoked (to find the handler's output content type)
 * @param handler       the handler it invoked
 * @param outcome       how it ended
 * @param retainedUntil when its stored result expires, if the result was read from storage after completion
 *                      (the ingress sends it as {@code idempotency-expires}); empty when the result was awaited live
 *                      or is kept without a retention
 */
public record CompletedInvocation(String invocationId, String service, String handler, InvocationOutcome outcome,
                                  Optional<Instant> retainedUntil) {
    public CompletedInvocation {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(retainedUntil, "retainedUntil");
    }
}
