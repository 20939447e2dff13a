package dev.resolute.admin;

import dev.resolute.schema.SchemaNode;
import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.ListenerStats;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.ServiceListen;
import dev.resolute.spi.http.HttpPlumbing;
import dev.resolute.spi.invocation.EngineInfo;
import dev.resolute.spi.invocation.ObjectStates;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.tck.MapConfigScope;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The admin plugin as the kernel runs it, over the real schema plugin on real LMDB storage and a real
 * Jetty server bound to a free loopback port: what the plugin sees is only the SPI (its context, the
 * {@link Schemas} it requires, the {@link EngineInfo} it finds if a worker runs, the host it mounts on).
 * Restartable on the same data dir.
 */
final class AdminNode implements AutoCloseable {
    private final dev.resolute.spi.Health health = new dev.resolute.spi.Health();
    private final Path dataDir;
    private final Optional<EngineInfo> engine;
    private final Optional<ObjectStates> objectStates;
    private final Optional<InvocationControl> control;
    private Optional<QueryEngine> queryEngine = Optional.empty();
    private Optional<dev.resolute.spi.http.WebUi> webUi = Optional.empty();
    private Map<String, String> config = Map.of();
    private SchemaNode schemaNode;
    private Component admin;
    private Server server;
    private int port;

    private AdminNode(Path dataDir, Optional<EngineInfo> engine, Optional<ObjectStates> objectStates, Optional<InvocationControl> control) {
        this.dataDir = dataDir;
        this.engine = engine;
        this.objectStates = objectStates;
        this.control = control;
    }

    /** A node whose worker manages invocations with {@code control}. */
    static AdminNode start(Path dataDir, InvocationControl control) throws Exception {
        AdminNode node = new AdminNode(dataDir, Optional.of(() -> InvocationOptions.NONE), Optional.empty(), Optional.of(control));
        node.startAll();
        return node;
    }

    /** A node that also runs a worker, whose engine applies Restate's defaults. */
    static AdminNode start(Path dataDir) throws Exception {
        return start(dataDir, Optional.of(InvocationOptions.NONE));
    }

    /**
     * @param engineDefaults what the worker on this node applies, or empty for a node without the worker
     *                       role
     */
    static AdminNode start(Path dataDir, Optional<InvocationOptions> engineDefaults) throws Exception {
        AdminNode node = new AdminNode(dataDir, engineDefaults.map(defaults -> () -> defaults), Optional.empty(), Optional.empty());
        node.startAll();
        return node;
    }

    /** A node with a worker and the sql plugin's {@code queryEngine}. */
    static AdminNode start(Path dataDir, QueryEngine queryEngine) throws Exception {
        AdminNode node = new AdminNode(dataDir, Optional.of(() -> InvocationOptions.NONE), Optional.empty(), Optional.empty());
        node.queryEngine = Optional.of(queryEngine);
        node.startAll();
        return node;
    }

    /** A node whose worker applies Restate's defaults and writes object state through {@code objectStates}. */
    static AdminNode start(Path dataDir, ObjectStates objectStates) throws Exception {
        AdminNode node = new AdminNode(dataDir, Optional.of(() -> InvocationOptions.NONE), Optional.of(objectStates), Optional.empty());
        node.startAll();
        return node;
    }

    /** A node with a worker whose ui plugin serves {@code webUi}, and the admin configuration {@code config}. */
    static AdminNode start(Path dataDir, dev.resolute.spi.http.WebUi webUi, Map<String, String> config) throws Exception {
        AdminNode node = new AdminNode(dataDir, Optional.of(() -> InvocationOptions.NONE), Optional.empty(), Optional.empty());
        node.webUi = Optional.of(webUi);
        node.config = config;
        node.startAll();
        return node;
    }

    /** The admin API's base URL, {@code http://127.0.0.1:<port>}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Schemas schemas() {
        return schemaNode.schemas();
    }

    /** The node's health, as plugins report to it. */
    dev.resolute.spi.Health health() {
        return health;
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
        if (schemaNode != null) {
            schemaNode.close();
            schemaNode = null;
        }
    }

    private void startAll() throws Exception {
        schemaNode = SchemaNode.start(dataDir);
        AdminEndpointFactory factory = new AdminEndpointFactory();
        Host host = new Host(factory, schemaNode.schemas(), engine, objectStates, control, queryEngine, webUi, config, dataDir, health);
        admin = factory.create(host);
        admin.start();
        server = host.server;
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.setPort(port); // the same port after a restart, so URLs held by a test stay valid
        server.addConnector(connector);
        server.setHandler(new HttpPlumbing(host.mounted.get("admin"))); // as the kernel serves every endpoint
        server.start();
        port = connector.getLocalPort();
    }

    /** What this node's kernel says the ingress advertises (no ingress runs in these tests). */
    static final String INGRESS_URL = "http://127.0.0.1:18080/";

    /** The kernel's side of the SPI for one endpoint plugin. */
    private static final class Host implements PluginContext, HttpHost {
        final Server server = new Server();
        final Map<String, Handler> mounted = new HashMap<>();
        private final AdminEndpointFactory factory;
        private final Schemas schemas;
        private final Optional<EngineInfo> engine;
        private final Optional<ObjectStates> objectStates;
        private final Optional<InvocationControl> control;
        private final Optional<QueryEngine> queryEngine;
        private final Optional<dev.resolute.spi.http.WebUi> webUi;
        private final Map<String, String> config;
        private final Path dataDir;
        private final dev.resolute.spi.Health health;

        Host(AdminEndpointFactory factory, Schemas schemas, Optional<EngineInfo> engine, Optional<ObjectStates> objectStates,
             Optional<InvocationControl> control, Optional<QueryEngine> queryEngine, Optional<dev.resolute.spi.http.WebUi> webUi,
             Map<String, String> config, Path dataDir, dev.resolute.spi.Health health) {
            this.webUi = webUi;
            this.config = config;
            this.control = control;
            this.queryEngine = queryEngine;
            this.health = health;
            this.factory = factory;
            this.schemas = schemas;
            this.engine = engine;
            this.objectStates = objectStates;
            this.dataDir = dataDir;
        }

        @Override
        public ConfigScope config() {
            return new MapConfigScope("admin", factory.configKeys(), config);
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
        public dev.resolute.spi.Health health() {
            return health;
        }

        @Override
        public <T> void provide(Class<T> type, T service) {
            throw new IllegalStateException("the admin plugin provides nothing; it provided " + type.getName());
        }

        @Override
        public <T> T require(Class<T> type) {
            if (type != Schemas.class || !factory.requires().contains(type)) {
                throw new IllegalStateException("the admin plugin may only require what it declares; asked for " + type.getName());
            }
            return type.cast(schemas);
        }

        @Override
        public <T> Optional<T> find(Class<T> type) {
            if (type == ObjectStates.class) {
                return objectStates.map(type::cast);
            }
            if (type == InvocationControl.class) {
                return control.map(type::cast);
            }
            if (type == QueryEngine.class && factory.uses().contains(type)) {
                return queryEngine.map(type::cast);
            }
            if (type == dev.resolute.spi.http.WebUi.class && factory.uses().contains(type)) {
                return webUi.map(type::cast);
            }
            if (type == dev.resolute.spi.http.GrpcGateway.class && factory.uses().contains(type)) {
                return Optional.empty(); // no fabric here: the admin API alone
            }
            if (type != EngineInfo.class) {
                throw new IllegalStateException("the admin plugin looks up only the worker's EngineInfo, ObjectStates, InvocationControl,"
                        + " the sql plugin's QueryEngine and the fabric's GrpcGateway; asked for "
                        + type.getName());
            }
            return engine.map(type::cast);
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
        public void mountProtocol(String service, ConnectionFactory protocol) {
            throw new UnsupportedOperationException("the admin plugin mounts an HTTP handler, not a protocol");
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
