package dev.resolute.spi.invocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An accepted invocation.
 *
 * @param invocationId       its id, {@code inv_1...}
 * @param executionTime      when it will run, for delayed sends
 * @param previouslyAccepted true when an earlier request with the same idempotency key created it
 */
public record Submission(String invocationId, Optional<Instant> executionTime, boolean previouslyAccepted) {
    public Submission {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(executionTime, "executionTime");
    }
}
