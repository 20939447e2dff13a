package dev.resolute.admin;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.ListenerStats;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.ServiceListen;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.storage.Storage;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.MapConfigScope;
import dev.resolute.tck.TestPluginContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The admin plugin as the kernel runs it, on real LMDB storage and a real Jetty server bound to a free
 * loopback port: what the plugin sees is only the SPI (its context, the storage it requires, the host
 * it mounts on). Restartable on the same data dir.
 */
final class AdminNode implements AutoCloseable {
    private final Path dataDir;
    private Component storageComponent;
    private Component admin;
    private Server server;
    private Schemas schemas;
    private int port;

    private AdminNode(Path dataDir) {
        this.dataDir = dataDir;
    }

    static AdminNode start(Path dataDir) throws Exception {
        AdminNode node = new AdminNode(dataDir);
        node.startAll();
        return node;
    }

    /** The admin API's base URL, {@code http://127.0.0.1:<port>}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Schemas schemas() {
        return schemas;
    }

    /** Stops everything and starts it again on the same data dir, as a server restart does. */
    void restart() throws Exception {
        close();
        startAll();
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (admin != null) {
            admin.stop();
            admin = null;
        }
        if (storageComponent != null) {
            storageComponent.stop();
            storageComponent = null;
        }
    }

    private void startAll() throws Exception {
        LmdbStorageFactory lmdb = new LmdbStorageFactory();
        TestPluginContext storageContext = new TestPluginContext(lmdb, dataDir, Map.of());
        storageComponent = lmdb.create(storageContext);
        storageComponent.start();
        AdminEndpointFactory factory = new AdminEndpointFactory();
        Host host = new Host(factory, storageContext.provided(Storage.class), dataDir);
        admin = factory.create(host);
        admin.start();
        schemas = (Schemas) host.provided.get(Schemas.class);
        server = host.server;
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.setPort(port); // the same port after a restart, so URLs held by a test stay valid
        server.addConnector(connector);
        server.setHandler(host.mounted.get("admin"));
        server.start();
        port = connector.getLocalPort();
    }

    /** What this node's kernel says the ingress advertises (no ingress runs in these tests). */
    static final String INGRESS_URL = "http://127.0.0.1:18080/";

    /** The kernel's side of the SPI for one endpoint plugin. */
    private static final class Host implements PluginContext, HttpHost {
        final Server server = new Server();
        final Map<String, Handler> mounted = new HashMap<>();
        final Map<Class<?>, Object> provided = new HashMap<>();
        private final AdminEndpointFactory factory;
        private final Storage storage;
        private final Path dataDir;

        Host(AdminEndpointFactory factory, Storage storage, Path dataDir) {
            this.factory = factory;
            this.storage = storage;
            this.dataDir = dataDir;
        }

        @Override
        public ConfigScope config() {
            return new MapConfigScope("admin", List.of(), Map.of());
        }

        @Override
        public ConfigScope rootConfig() {
            return new MapConfigScope("", List.of(), Map.of());
        }

        @Override
        public NodeInfo node() {
            return new NodeInfo("test-node", "test-cluster", dataDir);
        }

        @Override
        public HttpHost http() {
            return this;
        }

        @Override
        public <T> void provide(Class<T> type, T service) {
            if (!factory.provides().contains(type)) {
                throw new IllegalStateException("the admin plugin provides " + type.getName() + " without declaring it");
            }
            provided.put(type, service);
        }

        @Override
        public <T> T require(Class<T> type) {
            if (!factory.requires().contains(type)) {
                throw new IllegalStateException("the admin plugin may only require what it declares; asked for " + type.getName());
            }
            return type.cast(storage);
        }

        @Override
        public Server server() {
            return server;
        }

        @Override
        public List<ServiceListen> services() {
            throw new UnsupportedOperationException("endpoints do not read the listen plan");
        }

        @Override
        public void bound(BoundAddress address) {
            throw new UnsupportedOperationException("endpoints do not bind");
        }

        @Override
        public void mount(String service, Handler handler) {
            mounted.put(service, handler);
        }

        @Override
        public Optional<String> advertised(String service) {
            return service.equals("ingress") ? Optional.of(INGRESS_URL) : Optional.empty();
        }

        @Override
        public List<ListenerStats> listenerStats() {
            return List.of();
        }
    }
}
