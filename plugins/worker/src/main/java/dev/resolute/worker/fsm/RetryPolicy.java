package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.AttemptFailed;
import java.time.Duration;

/**
 * Restate's retry policy (reference §1.14): exponential backoff from {@code initial-interval} by
 * {@code exponentiation-factor} up to {@code max-interval}, plus 3 ms to 30 % jitter; after
 * {@code max-attempts} attempts (the first one counts) pause or kill. An SDK's
 * {@code next_retry_delay} replaces the next delay; a V7 error behaviour of pause or fail wins.
 */
public record RetryPolicy(Duration initialInterval, double factor, int maxAttempts, Duration maxInterval, boolean pauseWhenExhausted) {

    enum Action { RETRY, PAUSE, FAIL }

    record Decision(Action action, long delayMillis) {
    }

    /** The policy an invocation carries, or this one when it carries none. */
    RetryPolicy or(dev.resolute.worker.engine.pb.RetrySpec spec, boolean present) {
        return present ? new RetryPolicy(Duration.ofMillis(spec.getInitialIntervalMs()), spec.getFactor(), spec.getMaxAttempts(),
                Duration.ofMillis(spec.getMaxIntervalMs()), spec.getPauseWhenExhausted()) : this;
    }

    public dev.resolute.worker.engine.pb.RetrySpec spec() {
        return dev.resolute.worker.engine.pb.RetrySpec.newBuilder().setInitialIntervalMs(initialInterval.toMillis()).setFactor(factor)
                .setMaxAttempts(maxAttempts).setMaxIntervalMs(maxInterval.toMillis()).setPauseWhenExhausted(pauseWhenExhausted).build();
    }

    /**
     * @param attempts attempts made so far, the failed one included
     * @param jitter   a random fraction in [0, 1) drawn outside the state machine
     */
    Decision decide(int attempts, AttemptFailed failure, double jitter) {
        if (failure.getBehavior() == 2) {
            return new Decision(Action.FAIL, 0);
        }
        if (failure.getBehavior() == 1) {
            return new Decision(Action.PAUSE, 0);
        }
        if (maxAttempts > 0 && attempts >= maxAttempts) {
            return new Decision(pauseWhenExhausted ? Action.PAUSE : Action.FAIL, 0);
        }
        if (failure.getHasNextRetryDelay()) {
            return new Decision(Action.RETRY, failure.getNextRetryDelay());
        }
        double base = initialInterval.toMillis() * Math.pow(factor, Math.max(0, attempts - 1));
        long delay = (long) Math.min(base, maxInterval.toMillis());
        return new Decision(Action.RETRY, delay + 3 + (long) (jitter * 0.3 * delay));
    }
}
