package dev.resolute.schema;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A real HTTP endpoint (HTTP/1.1 and h2c on one loopback port) that answers {@code /discover} with
 * whatever manifest a test sets, and records what discovery sent. It stands in for an SDK whose
 * manifest we need to control: broken ones, old versions, changed service types.
 */
public final class ManifestServer implements AutoCloseable {
    public static final String V4 = "application/vnd.restate.endpointmanifest.v4+json";

    /** What one request looked like. */
    public record Seen(String method, String path, String query, String protocol, HttpFields headers) {
    }

    private final Server server = new Server();
    private final ServerConnector connector;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile Map<String, String> headers = Map.of();
    private volatile String body = "";

    public ManifestServer() throws Exception {
        HttpConfiguration config = new HttpConfiguration();
        connector = new ServerConnector(server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                seen.add(new Seen(request.getMethod(), Request.getPathInContext(request), request.getHttpURI().getQuery(),
                        request.getConnectionMetaData().getProtocol(), HttpFields.build(request.getHeaders()).asImmutable()));
                response.setStatus(status);
                headers.forEach((name, value) -> response.getHeaders().put(name, value));
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
    }

    /** Answers {@code manifest} as a v4 manifest from an SDK calling itself {@code test-sdk/1.0}. */
    public ManifestServer manifest(String manifest) {
        return answer(200, Map.of("content-type", V4, "x-restate-server", "test-sdk/1.0"), manifest);
    }

    public ManifestServer answer(int status, Map<String, String> headers, String body) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** A v4 manifest: BIDI_STREAM, protocol 5..7, these service objects. */
    public static String manifestOf(String... services) {
        return "{\"protocolMode\":\"BIDI_STREAM\",\"minProtocolVersion\":5,\"maxProtocolVersion\":7,\"services\":["
                + String.join(",", services) + "]}";
    }

    /** A service object with handlers named {@code handlers} (no type: the service type's default). */
    public static String service(String name, String type, String... handlers) {
        StringBuilder hs = new StringBuilder();
        for (String h : handlers) {
            hs.append(hs.length() == 0 ? "" : ",").append("{\"name\":\"").append(h).append("\"}");
        }
        return "{\"name\":\"" + name + "\",\"ty\":\"" + type + "\",\"handlers\":[" + hs + "]}";
    }
}
