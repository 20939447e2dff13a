package dev.resolute.ui;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * HTTP calls from the UI to this node's own listeners, at the URLs the node advertises: the playground calls the
 * ingress, a bundle reads the admin API's service JSON. The JDK client: one per UI, on threads stopped at stop.
 */
final class NodeClient implements AutoCloseable {
    private final Function<String, Optional<String>> advertised;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ui-node-client");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param advertised the URL the node advertises for a service ({@code HttpHost.advertised}), once listeners are bound */
    NodeClient(Function<String, Optional<String>> advertised) {
        this.advertised = advertised;
    }

    HttpClient client() {
        return client;
    }

    /** The base URL of {@code service} ending in {@code /}, if the node exposes it over HTTP (not only on a Unix socket). */
    Optional<URI> base(String service) {
        return advertised.apply(service).filter(url -> url.startsWith("http://") || url.startsWith("https://"))
                .map(url -> URI.create(url.endsWith("/") ? url : url + "/"));
    }

    @Override
    public void close() {
        threads.shutdownNow(); // the JDK 17 client has no close(): without its threads it does no more work
    }
}
