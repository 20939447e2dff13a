package dev.resolute.spi.invocation;

import java.util.Objects;

/**
 * The engine refused or could not find an invocation. It says what kind of problem it is; each
 * endpoint maps the kind onto its own protocol's status (the ingress to HTTP statuses).
 */
public final class InvocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, independent of any protocol. */
    public enum Kind {
        /** The service, handler or invocation does not exist (or no longer exists). */
        NOT_FOUND,
        /** The request cannot be served as asked: a malformed id, a deployment that cannot run the target. */
        INVALID_REQUEST,
        /** The engine cannot take it now: the partition is stopped, storage failed, the node is shutting down. */
        UNAVAILABLE
    }

    private final Kind kind;

    public InvocationException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
