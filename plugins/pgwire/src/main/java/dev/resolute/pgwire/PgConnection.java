package dev.resolute.pgwire;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.EndPoint;

/**
 * The Jetty side of one Postgres client: starts the session's thread when the connection opens and tells the
 * session when it closes. The session does its own (blocking) reads, so Jetty never calls {@link #onFillable()}.
 */
final class PgConnection extends AbstractConnection {
    private final PgSession session;
    private final Executor sessions;

    PgConnection(EndPoint endPoint, Executor executor, PgSession session, Executor sessions) {
        super(endPoint, executor);
        this.session = session;
        this.sessions = sessions;
    }

    @Override
    public void onOpen() {
        super.onOpen();
        sessions.execute(session);
    }

    @Override
    public void onFillable() {
        throw new IllegalStateException("the pgwire session reads its connection itself");
    }

    /**
     * A Postgres connection may sit idle for hours (a pool, an open psql): only a write the client does not take
     * within the idle timeout ends it.
     */
    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        return session.writing();
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        session.connectionClosed();
    }
}
