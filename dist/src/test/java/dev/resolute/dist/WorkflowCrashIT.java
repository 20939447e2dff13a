package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Durable promises survive SIGKILL: a workflow run waiting on a promise when the server is killed is answered once
 * the promise is resolved after the restart, and a promise resolved before the kill is delivered at once to a run
 * that asks for it after the restart. TypeScript SDK's Approval workflow, bidi and request/response.
 */
class WorkflowCrashIT {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "http1 = {0}")
    @ValueSource(booleans = {false, true})
    void promisesAndTheirListenersSurviveSigkill(boolean http1) throws Exception {
        try (SdkServices services = SdkServices.typescript(http1, tmp.resolve("exec.log"))) {
            try (ServerProcess first = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp")) {
                SdkEngine.register(first, services, http1);
                String ingress = first.url("ingress");
                assertThat(Http.post(ingress + "/Approval/crash-waits/run/send", "\"loan\"").statusCode()).isEqualTo(202);
                Await.body(ingress + "/Approval/crash-waits/status", "\"waiting for loan\"");
                assertThat(Http.post(ingress + "/Approval/crash-early/approve", "\"before\"").body()).isEqualTo("\"approved\"");
                Thread.sleep(300); // let the run's GetPromise be stored
                first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            try (ServerProcess second = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp")) {
                String ingress = second.url("ingress");
                assertThat(Http.post(ingress + "/Approval/crash-waits/approve", "\"after\"").body()).isEqualTo("\"approved\"");
                try {
                    Await.body(ingress + "/Approval/crash-waits/status", "\"approved after\"");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nserver after restart:\n" + second.output(), e);
                }
                assertThat(Http.post(ingress + "/Approval/crash-early/peek", null).body()).isEqualTo("\"before\"");
                assertThat(Http.post(ingress + "/Approval/crash-early/run", "\"loan\"").body()).isEqualTo("\"approved before\"");
            }
        }
    }
}
