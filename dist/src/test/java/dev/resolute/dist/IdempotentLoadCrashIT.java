package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mixed idempotent calls and sends for 15 s while the server is SIGKILLed three times. Every request carries a
 * unique idempotency key and its client retries it with the same key until the server acknowledges it (200 for a
 * call, 202 for a send). Afterwards nothing is lost and nothing applied twice: each object's counter equals the
 * number of acknowledged keys sent to it, every acknowledged send's output is there, and no {@code ctx.run} whose
 * result the SDK had received ran again.
 */
class IdempotentLoadCrashIT {
    private static final int CLIENTS = 8;
    private static final int OBJECTS = 6;
    private static final Duration LOAD = Duration.ofSeconds(15);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path tmp;

    /** One request of the load: which object, which key, call or send. */
    private record Request(String object, String key, boolean send) {
    }

    @Test
    void nothingLostNothingAppliedTwiceAcrossThreeSigkills() throws Exception {
        Path execLog = tmp.resolve("exec.log");
        Path serverDir = tmp.resolve("server");
        try (SdkServices services = SdkServices.typescript(false, execLog)) {
            AtomicReference<ServerProcess> server = new AtomicReference<>(start(serverDir));
            HttpResponse<String> registered = Http.post(server.get().url("admin") + "/deployments", "{\"uri\":\"" + services.uri() + "\"}");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            AtomicReference<String> ingress = new AtomicReference<>(server.get().url("ingress"));

            Map<String, Request> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger sequence = new AtomicInteger();
            AtomicInteger retries = new AtomicInteger();
            long loadEnds = System.nanoTime() + LOAD.toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < loadEnds) {
                        int n = sequence.getAndIncrement();
                        Request request = new Request("k" + (n % OBJECTS), "req-" + n, n % 3 == 0);
                        untilAcknowledged(ingress, request, retries);
                        acknowledged.put(request.key(), request);
                    }
                    return null;
                }));
            }
            try {
                for (long killAt : new long[] {4, 8, 12}) {
                    sleepUntil(loadEnds - LOAD.toNanos() + TimeUnit.SECONDS.toNanos(killAt));
                    server.get().process.destroyForcibly(); // SIGKILL
                    assertThat(server.get().process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    server.set(start(serverDir));
                    ingress.set(server.get().url("ingress"));
                }
                for (Future<?> client : running) {
                    client.get(3, TimeUnit.MINUTES);
                }
            } finally {
                clients.shutdownNow();
            }

            try (ServerProcess last = server.get()) {
                String url = ingress.get();
                System.out.printf("IdempotentLoadCrashIT: %d requests acknowledged (%d sends) over %d s and three SIGKILLs, %d retries%n",
                        acknowledged.size(), acknowledged.values().stream().filter(Request::send).count(), LOAD.toSeconds(), retries.get());
                assertThat(acknowledged).hasSizeGreaterThan(50);
                assertThat(retries.get()).as("the kills interrupted requests in flight").isPositive();
                for (Request send : acknowledged.values().stream().filter(Request::send).toList()) {
                    awaitOutput(url + "/restate/invocation/Ledger/" + send.object() + "/apply/" + send.key() + "/output");
                }
                Map<String, Integer> expected = new HashMap<>();
                acknowledged.values().forEach(r -> expected.merge(r.object(), 1, Integer::sum));
                for (int o = 0; o < OBJECTS; o++) {
                    String object = "k" + o;
                    HttpResponse<String> count = Http.post(url + "/Ledger/" + object + "/count", null);
                    assertThat(count.body()).as("counter of %s: each acknowledged key applied exactly once\n%s", object, last.output())
                            .isEqualTo(String.valueOf(expected.getOrDefault(object, 0)));
                }
                assertNoStoredRunRanAgain(Files.readAllLines(execLog));
            }
        }
    }

    private static ServerProcess start(Path dir) throws Exception {
        return ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, dir, Map.of(), "--listen-mode", "tcp");
    }

    /** Sends {@code request} again and again, with the same idempotency key, until the server acknowledges it. */
    private static void untilAcknowledged(AtomicReference<String> ingress, Request request, AtomicInteger retries) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            String url = ingress.get() + "/Ledger/" + request.object() + "/apply" + (request.send() ? "/send" : "");
            try {
                HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                        .header("content-type", "application/json").header("idempotency-key", request.key())
                        .POST(HttpRequest.BodyPublishers.ofString("\"" + request.key() + "\"")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == (request.send() ? 202 : 200)) {
                    return;
                }
            } catch (java.io.IOException e) {
                // the server was killed under this request, or is restarting: retry with the same key
            }
            retries.incrementAndGet();
            Thread.sleep(100);
        }
        throw new AssertionError("never acknowledged: " + request);
    }

    private static void awaitOutput(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = Http.get(url);
            if (last.statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no output at " + url + ": " + (last == null ? "-" : last.statusCode() + " " + last.body()));
    }

    /** A "run K" line after an "acked K" line means a ctx.run whose stored result the SDK had received ran again. */
    private static void assertNoStoredRunRanAgain(List<String> lines) {
        Set<String> acked = new HashSet<>();
        List<String> ranAgain = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("acked ")) {
                acked.add(line.substring("acked ".length()));
            } else if (line.startsWith("run req-") && acked.contains(line.substring("run ".length()))) {
                ranAgain.add(line);
            }
        }
        assertThat(ranAgain).as("ctx.run closures executed again after their result was acknowledged").isEmpty();
        assertThat(acked).as("every applied request's run was acknowledged").isNotEmpty();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
