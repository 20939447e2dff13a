package dev.resolute.worker;

import static dev.resolute.spi.ConfigKey.of;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.ConfigType;
import dev.resolute.spi.schema.InvocationOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long completed invocations are kept (reference §3.2, §7): Restate's top-level defaults and clamps, and
 * {@code worker.cleanup-interval}. Resolved per invocation when it is created, like the retry policy: the handler's
 * manifest value, else the service's, else the server default, then clamped by the maximum.
 *
 * @param defaultJournal            {@code default-journal-retention}
 * @param defaultIdempotency        {@code default-idempotency-retention}
 * @param defaultWorkflowCompletion {@code default-workflow-completion-retention}
 * @param maxJournal                {@code max-journal-retention}; empty = no limit
 * @param maxIdempotency            {@code max-idempotency-retention}; empty = no limit
 * @param maxWorkflowCompletion     {@code max-workflow-completion-retention}; empty = no limit
 * @param cleanupInterval           {@code worker.cleanup-interval}: how often expired entries are deleted
 */
record RetentionSettings(Duration defaultJournal, Duration defaultIdempotency, Duration defaultWorkflowCompletion,
                         Optional<Duration> maxJournal, Optional<Duration> maxIdempotency, Optional<Duration> maxWorkflowCompletion,
                         Duration cleanupInterval) {

    /** Read at the top level, where Restate has them. */
    static final List<ConfigKey> ROOT_KEYS = List.of(
            of("default-journal-retention", ConfigType.DURATION, "1d",
                    "how long a completed invocation's journal (and its result, without an idempotency key) is kept; 0 = not kept"),
            of("default-idempotency-retention", ConfigType.DURATION, "1d", "how long the result of a request with an idempotency key is kept"),
            of("default-workflow-completion-retention", ConfigType.DURATION, "1d",
                    "how long a workflow's result, state and promises are kept after its run completes"),
            of("max-journal-retention", ConfigType.DURATION, null, "upper limit of any journal retention (unset = no limit)"),
            of("max-idempotency-retention", ConfigType.DURATION, null, "upper limit of any idempotency retention (unset = no limit)"),
            of("max-workflow-completion-retention", ConfigType.DURATION, null, "upper limit of any workflow completion retention (unset = no limit)"));

    /** In the worker's section. */
    static final List<ConfigKey> WORKER_KEYS = List.of(
            of("cleanup-interval", ConfigType.DURATION, "1h", "how often completed invocations whose retention expired are deleted"));

    /** What an invocation keeps after it completes, in milliseconds. */
    record Retention(long completionMillis, long journalMillis) {
    }

    RetentionSettings {
        if (cleanupInterval.isZero() || cleanupInterval.isNegative()) {
            throw new IllegalArgumentException("worker.cleanup-interval = " + cleanupInterval + " must be positive");
        }
    }

    static RetentionSettings from(ConfigScope root, ConfigScope worker) {
        return new RetentionSettings(root.getDuration("default-journal-retention"), root.getDuration("default-idempotency-retention"),
                root.getDuration("default-workflow-completion-retention"), optional(root, "max-journal-retention"),
                optional(root, "max-idempotency-retention"), optional(root, "max-workflow-completion-retention"),
                worker.getDuration("cleanup-interval"));
    }

    private static Optional<Duration> optional(ConfigScope scope, String key) {
        return scope.find(key).map(v -> scope.getDuration(key));
    }

    /**
     * Restate's {@code compute_retention}: a workflow's run and a request with an idempotency key keep their result for
     * the workflow completion or idempotency retention, and their journal no longer than that; any other invocation
     * keeps its result as long as its journal.
     */
    Retention resolve(InvocationOptions service, InvocationOptions handler, boolean workflowRun, boolean idempotent) {
        long journal = pick(handler.journalRetention(), service.journalRetention(), defaultJournal, maxJournal);
        if (workflowRun || idempotent) {
            long completion = workflowRun
                    ? pick(handler.workflowCompletionRetention(), service.workflowCompletionRetention(), defaultWorkflowCompletion, maxWorkflowCompletion)
                    : pick(handler.idempotencyRetention(), service.idempotencyRetention(), defaultIdempotency, maxIdempotency);
            return new Retention(completion, Math.min(journal, completion));
        }
        return new Retention(journal, journal);
    }

    private static long pick(Optional<Duration> handler, Optional<Duration> service, Duration fallback, Optional<Duration> max) {
        Duration chosen = handler.or(() -> service).orElse(fallback);
        return max.filter(m -> m.compareTo(chosen) < 0).orElse(chosen).toMillis();
    }
}
