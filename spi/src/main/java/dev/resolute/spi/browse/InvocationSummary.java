package dev.resolute.spi.browse;

import java.util.List;

/**
 * What an overview shows: every stored invocation counted by handler and status (exact), and the completions of the
 * last 24 hours by hour, oldest first.
 */
public record InvocationSummary(List<StatusCount> counts, List<CompletionBucket> lastDay) {
    public InvocationSummary {
        counts = List.copyOf(counts);
        lastDay = List.copyOf(lastDay);
    }
}
