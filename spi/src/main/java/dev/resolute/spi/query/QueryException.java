package dev.resolute.spi.query;

import java.util.Objects;

/** Why a query was not answered, with a kind each endpoint maps onto its own status. */
public final class QueryException extends RuntimeException {

    /** What went wrong, from the client's point of view. */
    public enum Kind {
        /** The query does not parse or plan (a syntax error, an unknown table or column): HTTP 400, SQLSTATE 42xxx. */
        INVALID,
        /** The query asks for something this node does not do (a write, an unsupported statement): HTTP 400, SQLSTATE 0A000. */
        UNSUPPORTED,
        /** As many queries as allowed are running; retry later: HTTP 429 with Retry-After, SQLSTATE 53300. */
        BUSY,
        /** The query needed more memory than a query may use: HTTP 400, SQLSTATE 53200. */
        RESOURCES_EXHAUSTED,
        /** Reading the tables failed: HTTP 500, SQLSTATE XX000. */
        FAILED
    }

    private final Kind kind;

    public QueryException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public QueryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
