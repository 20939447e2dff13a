package dev.resolute.spi.schema;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Retry-policy values a manifest sets (v4 {@code retryPolicy*}). Each empty field falls back to the
 * service's value, then to the server's {@code default-retry-policy}: the engine resolves handler over
 * service over server default.
 *
 * @param initialInterval      delay before the first retry
 * @param exponentiationFactor growth of the delay per retry
 * @param maxAttempts          attempts including the first, at least 1
 * @param maxInterval          cap of the delay
 * @param onMaxAttempts        what to do when the attempts are used up
 */
public record RetryOverrides(Optional<Duration> initialInterval, Optional<Double> exponentiationFactor,
                             Optional<Integer> maxAttempts, Optional<Duration> maxInterval,
                             Optional<OnMaxAttempts> onMaxAttempts) {

    /** Nothing overridden. */
    public static final RetryOverrides NONE =
            new RetryOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public RetryOverrides {
        Objects.requireNonNull(initialInterval, "initialInterval");
        Objects.requireNonNull(exponentiationFactor, "exponentiationFactor");
        Objects.requireNonNull(maxAttempts, "maxAttempts");
        Objects.requireNonNull(maxInterval, "maxInterval");
        Objects.requireNonNull(onMaxAttempts, "onMaxAttempts");
        if (maxAttempts.isPresent() && maxAttempts.get() < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts.get());
        }
    }
}
