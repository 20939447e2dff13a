package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL the server while invocations sleep, wait in an object's inbox, hold a lock, and have a
 * stored ctx.run result; after a restart on the same data every accepted invocation completes
 * exactly once and no lock stays held.
 */
class CrashIT {
    @TempDir
    Path tmp;

    /** Bidi: the sleeping invocations hold open streams; request/response: they are suspended. */
    @ParameterizedTest(name = "http1 = {0}")
    @ValueSource(booleans = {false, true})
    void acceptedInvocationsCompleteAfterSigkill(boolean http1) throws Exception {
        Path execLog = tmp.resolve("exec.log");
        try (SdkServices services = SdkServices.typescript(http1, execLog)) {
            ServerProcess first = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp");
            String ingress;
            try (first) {
                SdkEngine.register(first, services, http1);
                ingress = first.url("ingress");
                accepted(Http.post(ingress + "/Flow/runThenSleep/send", "{\"tag\":\"crash\",\"sleepMs\":2500}"));
                for (String item : List.of("a", "b", "c")) {
                    accepted(Http.post(ingress + "/Tally/queued/slowAppend/send", "\"" + item + "\""));
                }
                accepted(Http.post(ingress + "/Flow/sleep/send", "2000"));
                accepted(Http.post(ingress + "/Flow/callTally/send", "\"crash-call\""));
                Await.line(execLog, "run crash");
                Thread.sleep(300); // let the sleep after the run be stored too
                first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            try (ServerProcess second = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp")) {
                String restarted = second.url("ingress");
                try {
                    Await.body(restarted + "/Tally/crash/get", "1");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nserver after restart:\n" + second.output(), e);
                }
                Await.body(restarted + "/Tally/crash-call/get", "1");
                Await.body(restarted + "/Tally/queued/list", "[\"a\",\"b\",\"c\"]");
                // the lock was released: a new exclusive call runs and sees the queued ones' state
                assertThat(Http.post(restarted + "/Tally/queued/slowAppend", "\"d\"").body()).isEqualTo("[\"a\",\"b\",\"c\",\"d\"]");
                assertThat(Files.readAllLines(execLog)).as("the stored ctx.run result was not computed again").containsExactly("run crash");
            }
        }
    }

    private static void accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}
