package dev.resolute.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.Health;
import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.spi.invocation.InvocationRequest;
import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.fsm.RetryPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a partition's storage fails, the engine stops the partition, says so through the node's health
 * (so every {@code /health} answers 503 naming it) and refuses submissions to it as unavailable, instead
 * of rejecting the one command that met the failure.
 */
class EngineHealthTest {
    @TempDir
    Path tmp;

    @Test
    void aStorageFailureStopsThePartitionAndIsReportedAsUnhealthy() throws Exception {
        ExecutorService attempts = Executors.newCachedThreadPool();
        HttpClient client = new HttpClient();
        Health health = new Health();
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), tmp.resolve("store"), Map.of())) {
            FailingStorage storage = new FailingStorage(store.storage());
            client.start();
            Engine engine = new Engine(storage, new AttemptFailureTest.OneHandler(URI.create("http://127.0.0.1:9/")), client,
                    RequestIdentity.NONE, attempts, 1,
                    new InvokerSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), 10, 1024, 1024, 7, "test"),
                    new RetryPolicy(Duration.ofSeconds(10), 1.0, 10, Duration.ofSeconds(10), true), health);
            engine.start();
            try {
                assertThat(health.problems()).isEmpty();
                storage.failFromRead(1);

                assertThatThrownBy(() -> engine.submit(request()).get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(InvocationException.class,
                                e -> assertThat(e.kind()).isEqualTo(InvocationException.Kind.UNAVAILABLE))
                        .hasMessageContaining("partition 0 stopped");
                assertThat(health.problems()).singleElement().asString()
                        .startsWith("worker: partition 0 stopped because its storage failed")
                        .contains("injected read failure");
            } finally {
                engine.stop();
            }
        } finally {
            client.stop();
            attempts.shutdownNow();
        }
    }

    private static InvocationRequest request() {
        return new InvocationRequest("Svc", "h", Optional.empty(), "{}".getBytes(StandardCharsets.UTF_8), List.of(),
                Optional.empty(), Optional.empty());
    }
}
