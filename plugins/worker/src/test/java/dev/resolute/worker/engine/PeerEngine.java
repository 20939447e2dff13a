package dev.resolute.worker.engine;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.resolute.spi.Health;
import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.fsm.RetryPolicy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.client.HttpClient;

/**
 * A started engine over a real store (two partitions) whose deployment is a fake SDK peer: {@code handler} answers
 * the attempts under {@code path}, for the targets of {@link AttemptIdentityTest.KeyedWhenAsked}.
 */
final class PeerEngine implements AutoCloseable {
    final Engine engine;
    private final HttpServer peer;
    private final ExecutorService attempts = Executors.newCachedThreadPool();
    private final HttpClient client = new HttpClient();
    private final OpenStore store;

    /** @param path the deployment's path, ending with {@code /} */
    PeerEngine(Path dir, String path, HttpHandler handler, RequestIdentity identity, Duration retryInterval) throws Exception {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext(path + "invoke/", handler);
        peer.start();
        client.start();
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        URI uri = URI.create("http://127.0.0.1:" + peer.getAddress().getPort() + path);
        engine = new Engine(store.storage(), new AttemptIdentityTest.KeyedWhenAsked(uri), client, identity, attempts, 2,
                new InvokerSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), 10, 1 << 20, 1 << 20, 7, "test"),
                new RetryPolicy(retryInterval, 1.0, 3, retryInterval, false), new Health());
        engine.start();
    }

    @Override
    public void close() throws Exception {
        engine.stop();
        client.stop();
        peer.stop(0);
        attempts.shutdownNow();
        store.close();
    }
}
