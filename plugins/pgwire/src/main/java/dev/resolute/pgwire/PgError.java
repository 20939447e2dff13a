package dev.resolute.pgwire;

import java.util.Objects;

/** A statement's failure as the client sees it: an ErrorResponse with a SQLSTATE. */
final class PgError extends RuntimeException {
    private final SqlState state;

    PgError(SqlState state, String message) {
        super(message, null, false, false);
        this.state = Objects.requireNonNull(state, "state");
    }

    SqlState state() {
        return state;
    }
}
