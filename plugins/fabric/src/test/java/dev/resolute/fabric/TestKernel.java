package dev.resolute.fabric;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.ListenerStats;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.ServiceListen;
import dev.resolute.tck.MapConfigScope;
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
    private final Map<Class<?>, Object> provided = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> found = new ConcurrentHashMap<>();
    private final Map<String, String> rootOverrides;
    private final java.nio.file.Path dataDir;
    private volatile String advertisedFabric;

    /** A kernel whose node keeps its files in a fresh temporary directory. */
    TestKernel() {
        this(Map.of());
    }

    TestKernel(Map<String, String> rootOverrides) {
        this.rootOverrides = Map.copyOf(rootOverrides);
        try {
            this.dataDir = java.nio.file.Files.createTempDirectory("fabric-node");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    java.nio.file.Path dataDir() {
        return dataDir;
    }

    void advertise(String fabric) {
        advertisedFabric = fabric;
    }

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
        return service.equals("fabric") ? Optional.ofNullable(advertisedFabric) : Optional.empty();
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

    /** The fabric's root keys ({@code roles}, {@code default-num-partitions}) at their defaults, or as a test set them. */
    @Override
    public ConfigScope rootConfig() {
        return new MapConfigScope("", new FabricPluginFactory().configReads(), rootOverrides);
    }

    @Override
    public NodeInfo node() {
        return new NodeInfo("node-1", "localcluster", dataDir);
    }

    @Override
    public <T> void provide(Class<T> type, T service) {
        provided.put(type, service);
    }

    <T> T provided(Class<T> type) {
        return type.cast(provided.get(type));
    }

    /** Makes {@link #find} answer {@code service} for {@code type}, as if another plugin provided it. */
    <T> TestKernel with(Class<T> type, T service) {
        found.put(type, service);
        return this;
    }

    @Override
    public <T> T require(Class<T> type) {
        throw new UnsupportedOperationException("fabric requires nothing");
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(found.get(type)).map(type::cast);
    }
}
