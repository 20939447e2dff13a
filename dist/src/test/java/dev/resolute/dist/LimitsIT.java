package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The invoker's limits: the inactivity timeout makes a bidi SDK suspend, an oversized frame fails only its attempt. */
class LimitsIT {
    @TempDir
    Path tmp;

    @Test
    void inactivitySuspendsAndOversizedFramesFailOnlyTheirAttempt() throws Exception {
        Path execLog = tmp.resolve("exec.log");
        Map<String, String> env = Map.of("RESTATE_WORKER__INVOKER__INACTIVITY_TIMEOUT", "1s",
                "RESTATE_WORKER__INVOKER__ABORT_TIMEOUT", "1s", "RESTATE_WORKER__INVOKER__MESSAGE_SIZE_LIMIT", "64 KiB",
                "RESTATE_INGRESS__REQUEST_SIZE_LIMIT", "1 KiB");
        try (SdkServices services = SdkServices.typescript(false, execLog);
             ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), env, "--listen-mode", "tcp")) {
            assertThat(Http.post(server.url("admin") + "/deployments", "{\"uri\":\"" + services.uri() + "\"}").statusCode()).isEqualTo(201);
            String ingress = server.url("ingress");

            // the admin API shows the configured timeouts where a service sets none, and where the ingress is
            HttpResponse<String> flow = Http.get(server.url("admin") + "/services/Flow");
            assertThat(flow.body()).contains("\"inactivity_timeout\":\"1s\"").contains("\"abort_timeout\":\"1s\"");
            assertThat(Http.get(server.url("admin") + "/version").body()).contains("\"ingress_endpoint\":\"" + server.addresses().get("ingress.advertised") + "\"");

            // sleeping 2.5 s with a 1 s inactivity timeout: the server closes the stream, the SDK suspends,
            // the timer resumes it with a replay; the stored ctx.run result is not computed again
            long started = System.nanoTime();
            HttpResponse<String> slept = Http.post(ingress + "/Flow/runThenSleep", "{\"tag\":\"idle\",\"sleepMs\":2500}");
            assertThat(slept.body()).isEqualTo("\"computed idle\"");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
            assertThat(Files.readAllLines(execLog)).containsExactly("run idle");
            assertThat(Http.post(ingress + "/Tally/idle/get", null).body()).isEqualTo("1");

            // an output over the 64 KiB limit fails that attempt with a clear error; the server keeps serving
            assertThat(Http.post(ingress + "/Flow/big/send", "100000").statusCode()).isEqualTo(202);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!server.errors().contains("over worker.invoker.message-size-limit") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(server.errors()).contains("Flow/big) attempt").contains("over worker.invoker.message-size-limit of 64.0 KiB");
            assertThat(Http.post(ingress + "/Flow/noop", null).body()).isEqualTo("\"ok\"");
            assertThat(Http.post(ingress + "/Flow/big", "1000").body()).hasSize(1002);

            // a request body over ingress.request-size-limit is refused before anything is stored
            HttpResponse<String> tooLarge = Http.post(ingress + "/Flow/noop", "\"" + "x".repeat(2000) + "\"");
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.headers().firstValue("x-restate-error-source")).hasValue("ingress");

            // a side effect longer than inactivity + abort timeouts: the attempt is aborted and retried
            assertThat(Http.post(ingress + "/Flow/slowRun/send", "4000").statusCode()).isEqualTo(202);
            deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!server.errors().contains("within the abort timeout") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(server.errors()).contains("Flow/slowRun) attempt").contains("the service did not end the attempt within the abort timeout");
        }
    }

    @Test
    void exhaustedRetriesPauseTheInvocation() throws Exception {
        Path execLog = tmp.resolve("paused.log");
        try (SdkServices services = SdkServices.typescript(false, execLog);
             ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("paused"),
                     Map.of("RESTATE_DEFAULT_RETRY_POLICY__MAX_ATTEMPTS", "2", "RESTATE_DEFAULT_RETRY_POLICY__INITIAL_INTERVAL", "50ms"),
                     "--listen-mode", "tcp")) {
            assertThat(Http.post(server.url("admin") + "/deployments", "{\"uri\":\"" + services.uri() + "\"}").statusCode()).isEqualTo(201);
            String url = server.url("ingress") + "/Flow/alwaysFails";
            var call = java.util.concurrent.CompletableFuture.supplyAsync(() -> call(url, null));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((!Files.exists(execLog) || Files.readAllLines(execLog).size() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1500); // a third attempt would have come 100 ms after the second
            assertThat(Files.readAllLines(execLog)).as("on-max-attempts = pause stops after max-attempts")
                    .containsExactly("alwaysFails", "alwaysFails");
            assertThat(call).as("a paused invocation has not ended (a killed one would have answered 500)").isNotDone();
        }
    }

    @Test
    void concurrentInvocationsLimitQueuesAttempts() throws Exception {
        try (SdkServices services = SdkServices.typescript(false, tmp.resolve("exec.log"));
             ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("limited"),
                     Map.of("RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT", "1"), "--listen-mode", "tcp")) {
            assertThat(Http.post(server.url("admin") + "/deployments", "{\"uri\":\"" + services.uri() + "\"}").statusCode()).isEqualTo(201);
            String ingress = server.url("ingress");
            long started = System.nanoTime();
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> call(ingress + "/Flow/sleep", "600"));
            var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> call(ingress + "/Flow/sleep", "600"));
            assertThat(first.get()).isEqualTo("\"slept 600\"");
            assertThat(second.get()).isEqualTo("\"slept 600\"");
            // one attempt at a time: the second sleep starts only after the first attempt ended
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
        }
    }

    @Test
    void theManifestRetryPolicyKillsAfterItsAttempts() throws Exception {
        Path execLog = tmp.resolve("doomed.log");
        try (SdkServices services = SdkServices.typescript(false, execLog);
             ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("doomed"), Map.of(), "--listen-mode", "tcp")) {
            assertThat(Http.post(server.url("admin") + "/deployments", "{\"uri\":\"" + services.uri() + "\"}").statusCode()).isEqualTo(201);
            HttpResponse<String> killed = Http.post(server.url("ingress") + "/Doomed/alwaysFails", null);
            assertThat(killed.statusCode()).isEqualTo(500);
            assertThat(killed.headers().firstValue("x-restate-error-source")).hasValue("invocation");
            assertThat(killed.body()).contains("still broken");
            assertThat(Files.readAllLines(execLog)).as("maxAttempts = 2 from the service's retryPolicy").containsExactly("doomed attempt", "doomed attempt");
        }
    }

    private static String call(String url, String body) {
        try {
            return Http.post(url, body).body(); // null body: no content
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
