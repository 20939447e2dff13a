package dev.resolute.pgwire;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.component.Graceful;

/**
 * The Jetty side of one Postgres client: starts the session's thread when the connection opens and tells the
 * session when it closes. The session does its own (blocking) reads, so Jetty never calls {@link #onFillable()}.
 */
final class PgConnection extends AbstractConnection {
    private final PgSession session;
    private final Executor sessions;
    private final Graceful connector;

    PgConnection(EndPoint endPoint, Executor executor, PgSession session, Executor sessions, Graceful connector) {
        super(endPoint, executor);
        this.session = session;
        this.sessions = sessions;
        this.connector = connector;
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
     * within the idle timeout ends it, or the server stopping (its connectors then shorten every idle timeout).
     */
    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        if (connector.isShutdown()) {
            session.serverStopping();
            return true;
        }
        return session.writing();
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        session.connectionClosed();
    }
}
