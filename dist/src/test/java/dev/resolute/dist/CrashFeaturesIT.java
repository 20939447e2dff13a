package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL the server while a workflow waits on a durable promise, a handler on an awakeable, an idempotent request
 * sleeps, a delayed send waits for its time and an invocation is paused; after a restart on the same data each of
 * them completes exactly once.
 */
class CrashFeaturesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "http1 = {0}")
    @ValueSource(booleans = {false, true})
    void waitingFeaturesCompleteOnceAfterSigkill(boolean http1) throws Exception {
        Path execLog = tmp.resolve("exec.log");
        try (SdkServices services = SdkServices.typescript(http1, execLog)) {
            String pausedId;
            try (ServerProcess first = start()) {
                SdkEngine.register(first, services, http1);
                String ingress = first.url("ingress");
                accepted(Http.post(ingress + "/CrashFlow/w1/run/send", null));
                accepted(Http.post(ingress + "/Awaker/wait/send", "\"crash-aw\""));
                accepted(Http.postWithKey(ingress + "/Flow/runThenSleep/send", "idem-crash", "{\"tag\":\"idem\",\"sleepMs\":1500}"));
                accepted(Http.post(ingress + "/Tally/delayed/add/send?delay=3s", "1"));
                pausedId = JSON.readTree(accepted(Http.post(ingress + "/Pausable/work/send", "\"p1\"")).body()).path("invocationId").asText();
                Await.line(execLog, "run idem");
                Await.line(execLog, "pausable attempt p1 1");
                Await.body(ingress + "/Mailbox/crash-aw/get", body -> body.startsWith("\"sign_1"));
                Thread.sleep(300); // the pause and the sleep after the run are stored by now
                first.process.destroyForcibly(); // SIGKILL
                assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            try (ServerProcess second = start()) {
                String ingress = second.url("ingress");
                // the workflow's promise, resolved after the restart
                assertThat(Http.post(ingress + "/CrashFlow/w1/go", "\"now\"").statusCode()).isEqualTo(200);
                assertThat(Http.get(ingress + "/restate/workflow/CrashFlow/w1/attach").body()).isEqualTo("\"w1 now\"");
                // the awakeable, resolved through the ingress with the id published before the crash
                String awakeable = JSON.readTree(Http.post(ingress + "/Mailbox/crash-aw/get", null).body()).asText();
                assertThat(Http.post(ingress + "/restate/awakeables/" + awakeable + "/resolve", "\"late\"").statusCode()).isEqualTo(202);
                Await.body(ingress + "/Mailbox/crash-aw-result/get", "\"got late\"");
                // the idempotent request: a duplicate call gets its one result
                HttpResponse<String> duplicate = Http.postWithKey(ingress + "/Flow/runThenSleep", "idem-crash", "{\"tag\":\"idem\",\"sleepMs\":1500}");
                assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(200);
                assertThat(duplicate.body()).isEqualTo("\"computed idem\"");
                // the delayed send ran once, at its time
                Await.body(ingress + "/Tally/delayed/get", "1");
                // the paused invocation stays paused until resumed, then runs again once
                HttpResponse<String> resumed = Http.patch(second.url("admin") + "/invocations/" + pausedId + "/resume", null);
                assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
                assertThat(Http.get(ingress + "/restate/invocation/" + pausedId + "/attach").body()).isEqualTo("\"ok after 2\"");

                Thread.sleep(500); // anything that would run twice has had its chance
                assertThat(Http.post(ingress + "/Tally/delayed/get", null).body()).isEqualTo("1");
                List<String> executed = Files.readAllLines(execLog);
                assertThat(executed).containsOnlyOnce("crashflow run w1", "run idem", "pausable attempt p1 1", "pausable attempt p1 2");
            }
        }
    }

    private ServerProcess start() throws Exception {
        return ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp");
    }

    private static HttpResponse<String> accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return response;
    }
}
