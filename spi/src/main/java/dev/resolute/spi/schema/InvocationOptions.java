package dev.resolute.spi.schema;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-service or per-handler settings a manifest (v3+) may set. Empty means "not set here": a handler's
 * empty field falls back to its service's, and the service's to the server's configuration (for
 * example {@code worker.invoker.inactivity-timeout}).
 *
 * @param inactivityTimeout           silence after which the server asks the SDK to suspend
 * @param abortTimeout                how long to wait for that suspension before aborting the attempt
 * @param idempotencyRetention        how long results of idempotent requests are kept
 * @param journalRetention            how long journals of completed invocations are kept
 * @param workflowCompletionRetention how long a workflow's result is kept; only on a workflow's
 *                                    {@link HandlerType#WORKFLOW} handler
 * @param enableLazyState             whether state is fetched on demand instead of sent eagerly
 * @param retry                       retry-policy overrides
 */
public record InvocationOptions(Optional<Duration> inactivityTimeout, Optional<Duration> abortTimeout,
                                Optional<Duration> idempotencyRetention, Optional<Duration> journalRetention,
                                Optional<Duration> workflowCompletionRetention, Optional<Boolean> enableLazyState,
                                RetryOverrides retry) {

    /** Nothing set. */
    public static final InvocationOptions NONE = new InvocationOptions(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), RetryOverrides.NONE);

    public InvocationOptions {
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        Objects.requireNonNull(abortTimeout, "abortTimeout");
        Objects.requireNonNull(idempotencyRetention, "idempotencyRetention");
        Objects.requireNonNull(journalRetention, "journalRetention");
        Objects.requireNonNull(workflowCompletionRetention, "workflowCompletionRetention");
        Objects.requireNonNull(enableLazyState, "enableLazyState");
        Objects.requireNonNull(retry, "retry");
    }
}
