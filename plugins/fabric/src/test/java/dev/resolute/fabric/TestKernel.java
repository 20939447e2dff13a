package dev.resolute.fabric;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.ListenerStats;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.ServiceListen;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/** The SPI seam the fabric sees, and nothing more: a Jetty server, mounted handlers, listener counters. */
final class TestKernel implements PluginContext, HttpHost {

    private final Server server = new Server();
    final dev.resolute.spi.Health health = new dev.resolute.spi.Health();
    private final Map<String, Handler> mounted = new ConcurrentHashMap<>();
    private volatile List<ListenerStats> listenerStats = List.of();
    private volatile boolean refuseMounts;

    Handler mounted(String service) {
        return mounted.get(service);
    }

    Map<String, Handler> mounted() {
        return Map.copyOf(mounted);
    }

    void listenerStats(List<ListenerStats> stats) {
        listenerStats = List.copyOf(stats);
    }

    /** Makes {@link #mount} throw, to fail an endpoint's start half-way. */
    void refuseMounts() {
        refuseMounts = true;
    }

    @Override
    public HttpHost http() {
        return this;
    }

    @Override
    public dev.resolute.spi.Health health() {
        return health;
    }

    @Override
    public Server server() {
        return server;
    }

    @Override
    public void mountProtocol(String service, ConnectionFactory protocol) {
        throw new UnsupportedOperationException("the fabric mounts an HTTP handler, not a protocol");
    }

    @Override
    public void mount(String service, Handler handler) {
        if (refuseMounts) {
            throw new IllegalStateException("test kernel refuses mounts");
        }
        mounted.put(service, handler);
    }

    @Override
    public Optional<String> advertised(String service) {
        return Optional.empty();
    }

    @Override
    public List<ListenerStats> listenerStats() {
        return listenerStats;
    }

    @Override
    public List<ServiceListen> services() {
        throw new UnsupportedOperationException("not used by endpoints");
    }

    @Override
    public void bound(BoundAddress address) {
        throw new UnsupportedOperationException("not used by endpoints");
    }

    @Override
    public ConfigScope config() {
        throw new UnsupportedOperationException("fabric reads no configuration");
    }

    @Override
    public ConfigScope rootConfig() {
        throw new UnsupportedOperationException("fabric reads no configuration");
    }

    @Override
    public NodeInfo node() {
        throw new UnsupportedOperationException("fabric needs no node info");
    }

    @Override
    public <T> void provide(Class<T> type, T service) {
        throw new UnsupportedOperationException("fabric provides nothing");
    }

    @Override
    public <T> T require(Class<T> type) {
        throw new UnsupportedOperationException("fabric requires nothing");
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        throw new UnsupportedOperationException("fabric looks up nothing");
    }
}
