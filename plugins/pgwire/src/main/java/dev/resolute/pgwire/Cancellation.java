package dev.resolute.pgwire;

/**
 * The cancel state of a session's running statement. A CancelRequest arrives on another connection (another
 * thread): it marks the statement cancelled and closes its rows, so even a statement waiting inside the engine
 * stops; the session then answers 57014. A request while nothing runs is ignored, as Postgres ignores it.
 */
final class Cancellation {
    private boolean active;
    private boolean requested;
    private Rows running;

    synchronized void begin() {
        active = true;
        requested = false;
        running = null;
    }

    /** The rows the statement streams; closed at once if a cancel came while the engine planned them. */
    synchronized void running(Rows rows) {
        running = rows;
        if (requested) {
            rows.close();
        }
    }

    synchronized void end() {
        active = false;
        running = null;
    }

    synchronized void cancel() {
        if (active) {
            requested = true;
            if (running != null) {
                running.close();
            }
        }
    }

    synchronized boolean requested() {
        return requested;
    }

    /** @throws PgError 57014 if the running statement was cancelled */
    void check() {
        if (requested()) {
            throw canceled();
        }
    }

    static PgError canceled() {
        return new PgError(SqlState.QUERY_CANCELED, "canceling statement due to user request");
    }
}
