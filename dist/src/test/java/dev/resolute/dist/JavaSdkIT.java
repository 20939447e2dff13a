package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Official Java SDK services (test-services/java, built by the reactor before dist) against the real
 * server: registered over the admin API and invoked over the ingress, over HTTP/2 (bidirectional
 * streaming) and over HTTP/1.1 (request/response, so every sleep and call suspends and replays).
 */
class JavaSdkIT {

    @Nested
    class Http2Bidi extends Scenarios {
        Http2Bidi() {
            super(Mode.BIDI);
        }
    }

    // SDK 2.4.0 logs "Unhandled exception ... AbortedExecutionException" at ERROR after each suspension here:
    // its own noise (fixed upstream by sdk-java #556, in 2.5.0), not a failed invocation.
    @Nested
    class Http11RequestResponse extends Scenarios {
        Http11RequestResponse() {
            super(Mode.REQUEST_RESPONSE);
        }
    }

    abstract static class Scenarios extends SdkEngine {
        private static final ObjectMapper JSON = new ObjectMapper();

        Scenarios(Mode mode) {
            super(Sdk.JAVA, mode);
        }

        @BeforeAll
        void checkRegistration() throws Exception {
            JsonNode body = JSON.readTree(registration);
            assertThat(body.findValuesAsText("name")).contains("JavaGreeter", "JavaCounter", "JavaSignup", "JavaAwaiter");
            // SDK 2.4.0 speaks service protocol V5 to V6
            assertThat(body.path("min_protocol_version").asInt()).isEqualTo(5);
            assertThat(body.path("max_protocol_version").asInt()).isEqualTo(6);
            assertThat(body.path("sdk_version").asText()).startsWith("restate-sdk-java/2.4.0");

            JsonNode deployment = JSON.readTree(ServerProcess.get(admin + "/deployments/" + body.path("id").asText()).body());
            assertThat(deployment.path("protocol_type").asText()).isEqualTo(mode.http1 ? "RequestResponse" : "BidiStream");
            assertThat(deployment.path("http_version").asText()).isEqualTo(mode.http1 ? "HTTP/1.1" : "HTTP/2.0");
        }

        @Test
        void greetRunsItsSideEffectOnceSleepsAndCallsTheCounter() throws Exception {
            long started = System.nanoTime();
            HttpResponse<String> first = Http.post(ingress + "/JavaGreeter/greet", "\"ada\"");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("\"Hello ada #1\"");
            assertThat(first.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(Http.post(ingress + "/JavaGreeter/greet", "\"ada\"").body()).isEqualTo("\"Hello ada #2\"");
            assertThat(Http.post(ingress + "/JavaCounter/ada/get", null).body()).isEqualTo("2");
            // once per invocation, however often the SDK replayed the journal after the sleep and the call
            assertThat(Files.readAllLines(execLog).stream().filter(line -> line.startsWith("greet "))).containsExactly("greet ada", "greet ada");
        }

        @Test
        void counterStateIsKeptPerKeyAcrossCalls() throws Exception {
            assertThat(Http.post(ingress + "/JavaCounter/direct/add", "40").body()).isEqualTo("40");
            assertThat(Http.post(ingress + "/JavaCounter/direct/add", "2").body()).isEqualTo("42");
            assertThat(Http.post(ingress + "/JavaCounter/direct/get", null).body()).isEqualTo("42");
            assertThat(Http.post(ingress + "/JavaCounter/other/get", null).body()).isEqualTo("0");
        }

        @Test
        void aRetryableExceptionIsRetriedUntilTheHandlerSucceeds() throws Exception {
            HttpResponse<String> r = Http.post(ingress + "/JavaGreeter/flaky", "\"flaky-key\"");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("\"ok after 3\"");
        }

        @Test
        void aWorkflowRunWaitsForThePromiseItsSharedHandlerResolves() throws Exception {
            HttpResponse<String> sent = Http.post(ingress + "/JavaSignup/wf-1/run/send", "\"ada@example.com\"");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            String runId = JSON.readTree(sent.body()).path("invocationId").asText();
            assertThat(Http.post(ingress + "/JavaSignup/wf-1/peek", null).body()).isEqualTo("\"not yet\"");
            HttpResponse<String> again = Http.post(ingress + "/JavaSignup/wf-1/run/send", "\"ada@example.com\"");
            assertThat(JSON.readTree(again.body()).path("status").asText()).as(again.body()).isEqualTo("PreviouslyAccepted");
            assertThat(JSON.readTree(again.body()).path("invocationId").asText()).isEqualTo(runId);

            assertThat(Http.post(ingress + "/JavaSignup/wf-1/confirm", "\"yes\"").statusCode()).isEqualTo(200);
            HttpResponse<String> result = Http.get(ingress + "/restate/workflow/JavaSignup/wf-1/attach");
            assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
            assertThat(result.body()).isEqualTo("\"ada@example.com yes\"");
            assertThat(Http.post(ingress + "/JavaSignup/wf-1/peek", null).body()).isEqualTo("\"yes\"");
            assertThat(Files.readAllLines(execLog)).containsOnlyOnce("signup run wf-1");
        }

        @Test
        void anAwakeableIsResolvedThroughTheIngress() throws Exception {
            HttpResponse<String> sent = Http.post(ingress + "/JavaAwaiter/await/send", "\"j1\"");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            String invocationId = JSON.readTree(sent.body()).path("invocationId").asText();
            String awakeableId = Await.logged(execLog, "awakeable j1 ", 0);
            assertThat(Http.post(ingress + "/restate/awakeables/" + awakeableId + "/resolve", "\"hi\"").statusCode()).isEqualTo(202);
            HttpResponse<String> result = Http.get(ingress + "/restate/invocation/" + invocationId + "/attach");
            assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
            assertThat(result.body()).isEqualTo("\"got hi\"");
        }

        @Test
        void aDuplicateIdempotentCallReturnsTheStoredResult() throws Exception {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = Http.postWithKey(ingress + "/JavaCounter/idem/add", "once", "5");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("5");
            }
            assertThat(Http.post(ingress + "/JavaCounter/idem/get", null).body()).isEqualTo("5");
        }

        @Test
        void aTerminalExceptionBecomesTheStatus() throws Exception {
            HttpResponse<String> r = Http.post(ingress + "/JavaGreeter/teapot", null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(418);
            assertThat(r.headers().firstValue("x-restate-error-source")).hasValue("invocation");
            assertThat(r.body()).isEqualTo("{\"code\":418,\"message\":\"not a teapot\",\"source\":\"invocation\"}");
        }
    }
}
