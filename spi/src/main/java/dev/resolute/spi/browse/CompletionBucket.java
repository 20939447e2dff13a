package dev.resolute.spi.browse;

import java.time.Instant;

/** How many invocations completed in one hour starting at {@code start}, by outcome (cancelled and killed count as failed). */
public record CompletionBucket(Instant start, long succeeded, long failed) {
}
