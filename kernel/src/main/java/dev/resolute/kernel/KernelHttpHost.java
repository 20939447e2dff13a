package dev.resolute.kernel;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.ListenerStats;
import dev.resolute.spi.ServiceListen;
import dev.resolute.spi.Transport;
import dev.resolute.spi.http.ErrorShape;
import dev.resolute.spi.http.HttpPlumbing;
import dev.resolute.spi.http.JsonError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The kernel's single Jetty server. Listener plugins add named connectors, endpoint plugins mount
 * a handler per service, and a router sends each request to the handler of the service its
 * connector belongs to, or answers a JSON 404 or 503 itself. {@link HttpPlumbing} wraps the router, so
 * every request, the kernel's own answers included, is counted and has its unread body drained.
 * Blocking handler code runs on virtual threads where the JDK has them.
 */
final class KernelHttpHost implements HttpHost {
    private final Server server;
    private final List<ServiceListen> services;
    private final NetworkPlan plan;
    private final List<BoundAddress> bound = new CopyOnWriteArrayList<>();
    private final Map<String, Handler> mounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Router router = new Router();

    KernelHttpHost(List<ServiceListen> services, NetworkPlan plan) {
        // Handlers run on virtual threads where the JDK has them, so the pool only carries the acceptors,
        // selectors and short non-blocking tasks: a few threads per core, not Jetty's 200, which it grows
        // towards under load. Without virtual threads, handlers block on pool threads: keep 200.
        boolean virtual = VirtualThreads.areSupported();
        QueuedThreadPool pool = new QueuedThreadPool(virtual ? Math.max(32, 8 * Runtime.getRuntime().availableProcessors()) : 200, 8);
        pool.setName("resolute-http");
        if (virtual) {
            pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("resolute-vt"));
        }
        this.server = new Server(pool);
        this.services = List.copyOf(services);
        this.plan = plan;
        server.setHandler(new HttpPlumbing(router, this::count));
        server.setErrorHandler(new JsonErrorHandler(this::errorShape));
        server.setStopTimeout(5_000);
    }

    @Override
    public Server server() {
        return server;
    }

    @Override
    public List<ServiceListen> services() {
        return services;
    }

    @Override
    public void bound(BoundAddress address) {
        bound.add(address);
    }

    List<BoundAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    @Override
    public Optional<String> advertised(String service) {
        return services.stream().filter(s -> s.service().equals(service)).findFirst()
                .map(listen -> plan.advertised(listen, boundAddresses()));
    }

    @Override
    public void mount(String service, Handler handler) {
        if (mounts.putIfAbsent(service, handler) != null) {
            throw new IllegalStateException("a handler is already mounted for " + service);
        }
        handler.setServer(server);
        router.addBean(handler, true);
    }

    @Override
    public void mountProtocol(String service, ConnectionFactory protocol) {
        if (mounts.containsKey(service)) {
            throw new IllegalStateException("a handler is already mounted for " + service);
        }
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof AbstractConnector raw && isConnectorOf(service, connector.getName())) {
                raw.clearConnectionFactories();
                raw.addConnectionFactory(protocol);
                raw.setDefaultProtocol(protocol.getProtocol());
            }
        }
    }

    private boolean isConnectorOf(String service, String connectorName) {
        return services.stream().filter(s -> s.service().equals(service))
                .anyMatch(s -> Arrays.stream(Transport.values()).anyMatch(t -> s.connectorName(t).equals(connectorName)));
    }

    @Override
    public List<ListenerStats> listenerStats() {
        List<ListenerStats> out = new ArrayList<>();
        for (Connector connector : server.getConnectors()) {
            BoundAddress address = addressOf(connector.getName());
            ConnectionStatistics stats = connector.getBean(ConnectionStatistics.class);
            if (address == null || stats == null) {
                continue;
            }
            long count = requests.getOrDefault(connector.getName(), new AtomicLong()).get();
            out.add(new ListenerStats(address, stats.getConnections(), stats.getConnectionsTotal(), count,
                    stats.getReceivedBytes(), stats.getSentBytes()));
        }
        return out;
    }

    /** The error shape of the endpoint mounted for the request's connector, or the plain one. */
    private ErrorShape errorShape(Request request) {
        return mounts.get(serviceOf(request)) instanceof ErrorShape shape ? shape : ErrorShape.PLAIN;
    }

    private static String serviceOf(Request request) {
        Connector connector = request.getConnectionMetaData().getConnector();
        String name = connector == null ? null : connector.getName();
        return name == null ? "" : name.substring(0, Math.max(0, name.lastIndexOf('-')));
    }

    private void count(Request request) {
        requests.computeIfAbsent(request.getConnectionMetaData().getConnector().getName(), c -> new AtomicLong()).incrementAndGet();
    }

    private BoundAddress addressOf(String connectorName) {
        for (BoundAddress address : bound) {
            if ((address.service() + "-" + address.transport().id()).equals(connectorName)) {
                return address;
            }
        }
        return null;
    }

    /** Starts accepting on every bound connector. */
    void accept() throws Exception {
        for (Connector connector : server.getConnectors()) {
            if (connector.getBean(ConnectionStatistics.class) == null) {
                connector.addBean(new ConnectionStatistics());
            }
        }
        server.start();
    }

    /** Stops accepting and closes connections (gracefully within the server's stop timeout). */
    void stop() throws Exception {
        server.stop();
    }

    /** Routes by connector name ({@code admin-tcp} → the handler mounted for {@code admin}). */
    private final class Router extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String service = serviceOf(request);
            Handler handler = mounts.get(service);
            if (handler != null && handler.handle(request, response, callback)) {
                return true;
            }
            JsonError answer = handler == null
                    ? JsonError.message(HttpStatus.SERVICE_UNAVAILABLE_503, "no endpoint serves " + service + " on this node")
                    : JsonError.message(HttpStatus.NOT_FOUND_404, "not found: " + Request.getPathInContext(request));
            answer.write(response, callback);
            return true;
        }
    }
}
