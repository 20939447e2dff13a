package dev.resolute.pgwire;

import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The endpoint's protocol on a Jetty connector of its own, as the kernel's listeners serve it after mountProtocol. */
final class PgServer implements AutoCloseable {
    final TestEngine engine = new TestEngine();
    final PgwireProtocol protocol;
    private final Server server = new Server();
    private final ServerConnector connector;

    PgServer(boolean withEngine, long idleTimeoutMillis) throws Exception {
        protocol = new PgwireProtocol(withEngine ? Optional.of(engine) : Optional.empty());
        connector = new ServerConnector(server, protocol);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(idleTimeoutMillis);
        server.addConnector(connector);
        server.setStopTimeout(5_000); // as the kernel's server: connectors shut down gracefully
        server.start();
    }

    PgServer() throws Exception {
        this(true, 30_000);
    }

    int port() {
        return connector.getLocalPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/restate?user=tester";
    }

    @Override
    public void close() throws Exception {
        server.stop();
        protocol.endSessions();
    }
}
