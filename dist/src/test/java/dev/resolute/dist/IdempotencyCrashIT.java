package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that retries with the same idempotency key (or the same workflow id) across a SIGKILL of the server
 * reaches the invocation it created before the crash: PreviouslyAccepted with the same id, and one execution.
 */
class IdempotencyCrashIT {
    private static final Pattern ID = Pattern.compile("\"invocationId\":\"(inv_1[0-9a-zA-Z]{33})\"");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "http1 = {0}")
    @ValueSource(booleans = {false, true})
    void retriesAfterSigkillReachTheOriginal(boolean http1) throws Exception {
        try (SdkServices services = SdkServices.typescript(http1, tmp.resolve("exec.log"))) {
            String keyed;
            String run;
            try (ServerProcess first = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp")) {
                SdkEngine.register(first, services, http1);
                String ingress = first.url("ingress");
                keyed = id(Http.postWithKey(ingress + "/Idem/slowEcho/send", "crash-" + http1, "{\"tag\":\"crash-" + http1 + "\",\"ms\":2000}"));
                run = id(Http.post(ingress + "/IdemFlow/crash-" + http1 + "/run/send", "{\"tag\":\"a\",\"ms\":2000}"));
                awaitExecutions(ingress, "/Idem/executions", "\"crash-" + http1 + "\"");
                awaitExecutions(ingress, "/IdemFlow/crash-" + http1 + "/executions", null);
                first.process.destroyForcibly(); // SIGKILL
                assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            try (ServerProcess second = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp")) {
                String ingress = second.url("ingress");
                HttpResponse<String> retried = Http.postWithKey(ingress + "/Idem/slowEcho/send", "crash-" + http1, "{\"tag\":\"crash-" + http1 + "\",\"ms\":2000}");
                assertThat(retried.body()).isEqualTo("{\"invocationId\":\"" + keyed + "\",\"status\":\"PreviouslyAccepted\"}");
                HttpResponse<String> again = Http.post(ingress + "/IdemFlow/crash-" + http1 + "/run/send", "{\"tag\":\"b\",\"ms\":0}");
                assertThat(again.body()).isEqualTo("{\"invocationId\":\"" + run + "\",\"status\":\"PreviouslyAccepted\"}");

                HttpResponse<String> called = Http.postWithKey(ingress + "/Idem/slowEcho", "crash-" + http1, "{\"tag\":\"other\",\"ms\":0}");
                assertThat(called.body()).isEqualTo("\"echo crash-" + http1 + "\"");
                assertThat(Http.get(ingress + "/restate/workflow/IdemFlow/crash-" + http1 + "/attach").body()).isEqualTo("\"flow crash-" + http1 + " a\"");
                assertThat(Http.post(ingress + "/Idem/executions", "\"crash-" + http1 + "\"").body()).as("the stored ctx.run is not run again").isEqualTo("1");
                assertThat(Http.post(ingress + "/IdemFlow/crash-" + http1 + "/executions", null).body()).isEqualTo("1");
            }
        }
    }

    /** Waits until the handler's ctx.run has executed once (and so, soon after, is stored). */
    private static void awaitExecutions(String ingress, String path, String body) throws Exception {
        Await.until(() -> Http.post(ingress + path, body).body().equals("1"), "an execution of " + path);
        Thread.sleep(300); // let the run's result be stored too
    }

    private static String id(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        Matcher m = ID.matcher(accepted.body());
        assertThat(m.find()).as(accepted.body()).isTrue();
        return m.group(1);
    }
}
