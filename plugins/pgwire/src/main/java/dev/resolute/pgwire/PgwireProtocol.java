package dev.resolute.pgwire;

import dev.resolute.spi.query.QueryEngine;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.VirtualThreads;

/**
 * The Postgres wire protocol as a Jetty connection factory: every connector of the {@code pgwire} service hands its
 * connections here. Keeps the live sessions by process id, so a CancelRequest (on a connection of its own) finds the
 * session whose key it carries.
 */
final class PgwireProtocol extends AbstractConnectionFactory {
    private final Optional<QueryEngine> engine;
    private final Map<Integer, PgSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger nextPid = new AtomicInteger(1000 + random.nextInt(10_000));
    private final Executor threads;

    PgwireProtocol(Optional<QueryEngine> engine) {
        super("pgwire");
        this.engine = engine;
        // a session blocks on its socket between messages: a virtual thread each where the JDK has them
        this.threads = VirtualThreads.areSupported() ? VirtualThreads.getNamedVirtualThreadsExecutor("pgwire-session") : task -> {
            Thread thread = new Thread(task, "pgwire-session");
            thread.setDaemon(true);
            thread.start();
        };
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        int pid = nextPid.updateAndGet(p -> p >= Integer.MAX_VALUE - 1 ? 1000 : p + 1);
        PgSession session = new PgSession(endPoint, this, engine, pid, random.nextInt());
        sessions.put(pid, session);
        return configure(new PgConnection(endPoint, connector.getExecutor(), session, threads, connector), connector, endPoint);
    }

    /** A CancelRequest: cancels the statement of the session with that process id, if the secret matches. */
    void cancel(int pid, int secret) {
        PgSession session = sessions.get(pid);
        if (session != null && session.secret() == secret) {
            session.cancel();
        }
    }

    void ended(PgSession session) {
        sessions.remove(session.pid(), session);
    }

    /** The number of live sessions. */
    int sessionCount() {
        return sessions.size();
    }

    /** Ends every session (the server closes their connections) and waits a little for their threads to finish. */
    void endSessions() throws InterruptedException {
        List<CompletableFuture<Void>> ends = sessions.values().stream().map(s -> {
            s.connectionClosed();
            return s.ended();
        }).toList();
        try {
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // a session still inside the engine ends when its query notices the close; the process may exit meanwhile
        }
    }
}
