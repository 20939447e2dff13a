package dev.resolute.ui;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.Health;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.ListenerStats;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.ServiceListen;
import dev.resolute.spi.http.HttpPlumbing;
import dev.resolute.spi.http.WebUi;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.tck.MapConfigScope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The ui plugin as the kernel runs it on an admin node, over the services a test hands it (fakes of the worker's
 * SPIs, or none for a node without the worker), served by a real Jetty server on a free loopback port the way the
 * admin endpoint hands it requests.
 */
final class UiNode implements AutoCloseable {
    private final Map<Class<?>, Object> services = new HashMap<>();
    private Optional<String> ingress = Optional.empty();
    private Component component;
    private Server server;
    private int port;
    final HttpClient http = HttpClient.newHttpClient();

    /** A node whose registry is {@code schemas} and which runs no worker (until {@link #with} adds its services). */
    UiNode(Schemas schemas) {
        services.put(Schemas.class, schemas);
    }

    <T> UiNode with(Class<T> type, T service) {
        services.put(type, service);
        return this;
    }

    /** What the node says its ingress is reached at. */
    UiNode ingress(String url) {
        ingress = Optional.of(url);
        return this;
    }

    UiNode start() throws Exception {
        UiFactory factory = new UiFactory();
        Context context = new Context(factory);
        component = factory.create(context);
        component.start();
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.UNSAFE); // as the kernel's listeners: a key may hold an encoded slash
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        WebUi ui = (WebUi) context.provided;
        server.setHandler(new HttpPlumbing(new Handler.Abstract() { // as the admin endpoint hands requests over
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return ui.handle(request, response, callback);
            }
        }));
        server.start();
        port = connector.getLocalPort();
        return this;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (component != null) {
            component.stop();
        }
    }

    /** The kernel's side of the SPI for the ui plugin. */
    private final class Context implements PluginContext, HttpHost {
        private final UiFactory factory;
        private final Health health = new Health();
        Object provided;

        Context(UiFactory factory) {
            this.factory = factory;
        }

        @Override
        public ConfigScope config() {
            return new MapConfigScope("ui", factory.configKeys(), Map.of());
        }

        @Override
        public ConfigScope rootConfig() {
            return new MapConfigScope("", factory.configReads(), Map.of());
        }

        @Override
        public NodeInfo node() {
            return new NodeInfo("test-node", "test-cluster", Path.of("."));
        }

        @Override
        public HttpHost http() {
            return this;
        }

        @Override
        public Health health() {
            return health;
        }

        @Override
        public <T> void provide(Class<T> type, T service) {
            if (!factory.provides().contains(type)) {
                throw new IllegalStateException("the ui plugin provided an undeclared " + type.getName());
            }
            provided = service;
        }

        @Override
        public <T> T require(Class<T> type) {
            if (!factory.requires().contains(type)) {
                throw new IllegalStateException("the ui plugin required an undeclared " + type.getName());
            }
            return type.cast(services.get(type));
        }

        @Override
        public <T> Optional<T> find(Class<T> type) {
            if (!factory.uses().contains(type) && !factory.requires().contains(type)) {
                throw new IllegalStateException("the ui plugin looked up an undeclared " + type.getName());
            }
            return Optional.ofNullable(services.get(type)).map(type::cast);
        }

        @Override
        public Server server() {
            throw new UnsupportedOperationException("endpoints do not touch the server");
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
            throw new UnsupportedOperationException("the ui plugin provides its handler; the admin endpoint mounts it");
        }

        @Override
        public void mountProtocol(String service, ConnectionFactory protocol) {
            throw new UnsupportedOperationException("the ui plugin speaks HTTP");
        }

        @Override
        public Optional<String> advertised(String service) {
            return service.equals("ingress") ? ingress : Optional.empty();
        }

        @Override
        public List<ListenerStats> listenerStats() {
            return List.of();
        }
    }
}
