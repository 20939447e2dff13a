package dev.resolute.spi.invocation;

import java.util.Objects;
import java.util.Optional;

/**
 * Which invocation an attach, output or lookup names (reference §3.3): one by its id, an idempotent request by its
 * target and idempotency key, or a workflow's run by its workflow id. The last two name the same invocation every
 * time, because their ids are derived from these parts.
 */
public sealed interface InvocationTarget {

    /** @param invocationId the {@code inv_1…} text as the client wrote it (it may be malformed) */
    record ById(String invocationId) implements InvocationTarget {
        public ById {
            Objects.requireNonNull(invocationId, "invocationId");
        }
    }

    /**
     * @param service        the service or object name
     * @param key            the object key (or workflow id for a workflow's shared handler); empty for a service
     * @param handler        the handler name
     * @param idempotencyKey the key the request carried
     */
    record Idempotent(String service, Optional<String> key, String handler, String idempotencyKey) implements InvocationTarget {
        public Idempotent {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }
    }

    /**
     * @param workflow   the workflow name
     * @param workflowId the workflow id (its key)
     */
    record WorkflowRun(String workflow, String workflowId) implements InvocationTarget {
        public WorkflowRun {
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(workflowId, "workflowId");
        }
    }
}
