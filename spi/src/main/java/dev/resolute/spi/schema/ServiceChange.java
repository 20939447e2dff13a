package dev.resolute.spi.schema;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code PATCH /services/{name}} changes in a service (Restate's {@code ModifyServiceRequest}); an
 * empty field leaves the current value. A later discovery of the service resets it to its manifest.
 *
 * @param isPublic                    whether the ingress may call the service and all its handlers
 * @param idempotencyRetention        how long results of idempotent requests are kept
 * @param workflowCompletionRetention how long a workflow's result is kept (its {@link HandlerType#WORKFLOW} handler's)
 * @param journalRetention            how long journals of completed invocations are kept
 * @param inactivityTimeout           silence after which the server asks the SDK to suspend
 * @param abortTimeout                how long to wait for that suspension before aborting the attempt
 */
public record ServiceChange(Optional<Boolean> isPublic, Optional<Duration> idempotencyRetention,
                            Optional<Duration> workflowCompletionRetention, Optional<Duration> journalRetention,
                            Optional<Duration> inactivityTimeout, Optional<Duration> abortTimeout) {

    /** Changes nothing. */
    public static final ServiceChange NONE = new ServiceChange(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public ServiceChange {
        Objects.requireNonNull(isPublic, "isPublic");
        Objects.requireNonNull(idempotencyRetention, "idempotencyRetention");
        Objects.requireNonNull(workflowCompletionRetention, "workflowCompletionRetention");
        Objects.requireNonNull(journalRetention, "journalRetention");
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        Objects.requireNonNull(abortTimeout, "abortTimeout");
    }

    /** This change with {@code later}'s fields applied over it: what two changes in a row amount to. */
    public ServiceChange then(ServiceChange later) {
        return new ServiceChange(later.isPublic.or(() -> isPublic), later.idempotencyRetention.or(() -> idempotencyRetention),
                later.workflowCompletionRetention.or(() -> workflowCompletionRetention), later.journalRetention.or(() -> journalRetention),
                later.inactivityTimeout.or(() -> inactivityTimeout), later.abortTimeout.or(() -> abortTimeout));
    }
}
