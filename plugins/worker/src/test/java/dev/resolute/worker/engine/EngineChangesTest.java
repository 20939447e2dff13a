package dev.resolute.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import dev.resolute.spi.browse.InvocationChange;
import dev.resolute.spi.invocation.InvocationRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running engine's feed, with a deployment whose first attempt fails: the listener sees the invocation become
 * ready, run, back off, run again and succeed — the attempts' start and end included, whichever thread tells last.
 */
class EngineChangesTest {
    @TempDir
    Path tmp;

    @Test
    void aRetriedInvocationIsSeenRunningBackingOffRunningAndSucceeded() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpHandler failingOnce = exchange -> {
            if (requests.incrementAndGet() == 1) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            } else {
                AttemptIdentityTest.answer(exchange);
            }
        };
        try (PeerEngine running = new PeerEngine(tmp.resolve("store"), "/", failingOnce, (path, subject) -> Map.of(), Duration.ofMillis(300))) {
            Engine engine = running.engine;
            List<InvocationChange> seen = new CopyOnWriteArrayList<>();
            AutoCloseable watch = engine.changes().watch(seen::addAll);

            String id = engine.submit(new InvocationRequest("Svc", "h", Optional.empty(), "1".getBytes(), List.of(), Optional.empty(),
                    Optional.empty())).get(30, TimeUnit.SECONDS).invocationId();
            assertThat(engine.outcome(id).get(30, TimeUnit.SECONDS).failed()).isFalse();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!lastStatus(seen).equals("succeeded") && System.nanoTime() < deadline) {
                Thread.sleep(10); // the last attempt's end is told on its own thread, after the completion
            }

            assertThat(seen).allSatisfy(change -> assertThat(change.invocationId()).isEqualTo(id));
            List<String> statuses = distinctRuns(seen);
            assertThat(statuses).containsSubsequence("ready", "running", "backing-off", "running", "succeeded");
            assertThat(seen.get(seen.size() - 1)).isEqualTo(new InvocationChange(id, "Svc", "h", "succeeded", 2, 0));

            watch.close();
            int told = seen.size();
            String second = engine.submit(new InvocationRequest("Svc", "h", Optional.empty(), "2".getBytes(), List.of(), Optional.empty(),
                    Optional.empty())).get(30, TimeUnit.SECONDS).invocationId();
            engine.outcome(second).get(30, TimeUnit.SECONDS);
            assertThat(seen).as("a closed watch hears nothing").hasSize(told);
        }
    }

    private static String lastStatus(List<InvocationChange> seen) {
        return seen.isEmpty() ? "" : seen.get(seen.size() - 1).status();
    }

    /** The statuses in order, a repeated one once. */
    private static List<String> distinctRuns(List<InvocationChange> seen) {
        List<String> out = new ArrayList<>();
        for (InvocationChange change : seen) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(change.status())) {
                out.add(change.status());
            }
        }
        return out;
    }
}
