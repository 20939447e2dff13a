package dev.resolute.schema;

import dev.resolute.spi.schema.HttpVersion;
import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.spi.schema.SchemaException;
import dev.resolute.spi.schema.SchemaException.Kind;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The discovery client: {@code GET {uri}/discover} over h2c prior knowledge for {@code http://} (what
 * the TS SDK's {@code http2.createServer} needs), HTTP/1.1 when asked, ALPN for {@code https://}.
 * Transient failures (connection errors, 408, 429, 5xx) are retried within one deadline, so a
 * registration never hangs longer than {@code timeout}.
 */
final class Discovery {
    /** Manifests carry JSON schemas and can be large; this is Restate's default message size limit. */
    static final int MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
    private static final int ATTEMPTS = 3;

    /** What discovery found. */
    record Discovered(HttpVersion httpVersion, Optional<String> sdkVersion, Manifest manifest) {
    }

    private final HttpClient client;
    private final Duration timeout;
    private final String clusterName;
    private final RequestIdentity identity;

    Discovery(Duration timeout, String clusterName, RequestIdentity identity) {
        ClientConnector connector = new ClientConnector();
        QueuedThreadPool threads = new QueuedThreadPool(8, 1);
        threads.setName("schema-discovery");
        connector.setExecutor(threads);
        this.client = new HttpClient(new HttpClientTransportDynamic(connector, HttpClientConnectionFactory.HTTP11,
                new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector))));
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        client.setConnectTimeout(timeout.toMillis());
        this.timeout = timeout;
        this.clusterName = clusterName;
        this.identity = identity;
    }

    void start() throws Exception {
        client.start();
        // an SDK refusing the request identity answers a bare 401, which Jetty's authentication handler (added
        // by start) turns into a protocol violation; the status itself is the answer to report
        client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
    }

    void stop() throws Exception {
        client.stop();
    }

    /**
     * @param uri a normalized deployment URI
     * @throws SchemaException UNREACHABLE, BAD_MANIFEST, INVALID_SERVICE or UNSUPPORTED_PROTOCOL
     */
    Discovered discover(URI uri, Map<String, String> headers, boolean useHttp11) {
        URI target = Endpoints.resolve(uri, "discover");
        boolean h2c = !useHttp11 && uri.getScheme().equals("http");
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            long left = deadline - System.nanoTime();
            ContentResponse response;
            try {
                response = send(target, headers, useHttp11, h2c, left);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof IllegalArgumentException) { // the listener's "Buffering capacity … exceeded": an answer, too large
                    throw new SchemaException(Kind.BAD_MANIFEST, "META0013", "the endpoint's manifest at " + target + " is larger than "
                            + MAX_MANIFEST_BYTES / (1024 * 1024) + " MiB, the most the server reads", cause);
                }
                if (attempt < ATTEMPTS && pause(attempt, deadline)) {
                    continue;
                }
                throw unreachable(target, cause, attempt, h2c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaException(Kind.UNREACHABLE, "META0003", "discovery of " + target + " was interrupted", e);
            }
            int status = response.getStatus();
            if (status == 200) {
                HttpVersion version = response.getVersion() == org.eclipse.jetty.http.HttpVersion.HTTP_2 ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1;
                Manifest manifest = ManifestParser.parse(response.getHeaders().get(HttpHeader.CONTENT_TYPE), response.getContent());
                return new Discovered(version, Optional.ofNullable(response.getHeaders().get("x-restate-server")), manifest);
            }
            boolean transientStatus = status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
            if (transientStatus && attempt < ATTEMPTS && pause(attempt, deadline)) {
                continue;
            }
            String body = response.getContentAsString();
            String excerpt = body.length() > 500 ? body.substring(0, 500) + "..." : body;
            throw new SchemaException(Kind.UNREACHABLE, "META0003", status == 404
                    ? "got status code '404' from " + target + ". Make sure the provided URI has the correct path where the Restate SDK endpoint is mounted. Body: " + excerpt
                    : "got status code '" + status + "' from " + target + ". Body: " + excerpt, null);
        }
    }

    private ContentResponse send(URI target, Map<String, String> headers, boolean useHttp11, boolean h2c, long nanosLeft)
            throws ExecutionException, TimeoutException, InterruptedException {
        if (nanosLeft <= 0) {
            throw new TimeoutException("no time left");
        }
        Request request = client.newRequest(target).timeout(nanosLeft, TimeUnit.NANOSECONDS)
                .headers(h -> {
                    h.put(HttpHeader.ACCEPT, ManifestParser.ACCEPT);
                    h.put("x-restate-cluster-name", clusterName);
                    headers.forEach(h::put);
                    identity.headers("/discover", Optional.empty()).forEach(h::put);
                });
        if (useHttp11) {
            request.version(org.eclipse.jetty.http.HttpVersion.HTTP_1_1);
        } else if (h2c) {
            request.version(org.eclipse.jetty.http.HttpVersion.HTTP_2);
        } // https without use_http_11: ALPN picks
        return new CompletableResponseListener(request, MAX_MANIFEST_BYTES).send().get(nanosLeft, TimeUnit.NANOSECONDS);
    }

    /** Waits before the next attempt; false if the deadline leaves no time for one. */
    private static boolean pause(int attempt, long deadline) {
        long delay = TimeUnit.MILLISECONDS.toNanos(100L << attempt);
        if (System.nanoTime() + delay >= deadline) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private SchemaException unreachable(URI target, Throwable cause, int attempts, boolean h2c) {
        String why;
        boolean protocolProblem = false;
        if (cause instanceof ConnectException) {
            why = "connection refused";
        } else if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException) {
            why = "no answer within " + dev.resolute.spi.Durations.format(timeout);
        } else if (cause instanceof java.nio.channels.UnresolvedAddressException || cause instanceof java.net.UnknownHostException) {
            why = "unknown host " + target.getHost();
        } else {
            why = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + brief(cause.getMessage()));
            protocolProblem = target.getScheme().equals("http");
        }
        // The connection worked but the HTTP version did not: the usual cause is registering with the wrong one
        // (Restate's META0014 for the h2c case).
        String hint = !protocolProblem ? ""
                : h2c ? " The server speaks HTTP/2 without TLS (h2c prior knowledge) to http:// endpoints; if this endpoint only"
                        + " speaks HTTP/1.1, register it with \"use_http_11\": true (CLI: --use-http1.1)."
                : " The server spoke HTTP/1.1 because of \"use_http_11\"; an endpoint that only speaks HTTP/2 (as restate.serve()"
                        + " in the TypeScript SDK) must be registered without it.";
        return new SchemaException(Kind.UNREACHABLE, protocolProblem && h2c ? "META0014" : "META0003", "the deployment endpoint "
                + target + " could not be reached: " + why + " (" + attempts + (attempts == 1 ? " attempt" : " attempts")
                + "). Check that the service is running and reachable from the server." + hint, cause);
    }

    /** The first line of a client error, without Jetty's connection dump ("... on HttpConnectionOverHTTP@..."). */
    private static String brief(String message) {
        String line = message.lines().findFirst().orElse("");
        int dump = line.indexOf(" on oej");
        String cut = dump > 0 ? line.substring(0, dump) : line;
        return cut.length() > 200 ? cut.substring(0, 200) + "..." : cut;
    }
}
