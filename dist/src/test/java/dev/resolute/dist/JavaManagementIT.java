package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Invocation management through the admin API ({@code PATCH /invocations/{id}/…}) with the official Java SDK's
 * services (test-services/java JavaManaged), over HTTP/2 and HTTP/1.1 request/response: a cancelled sleep or awakeable
 * ends its call and its attach with 409, a kill answers the caller at once, and a handler whose retry policy pauses
 * after two attempts waits until resumed.
 */
class JavaManagementIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    class Http2Bidi extends Scenarios {
        Http2Bidi() {
            super(Mode.BIDI);
        }
    }

    @Nested
    class Http11RequestResponse extends Scenarios {
        Http11RequestResponse() {
            super(Mode.REQUEST_RESPONSE);
        }
    }

    abstract static class Scenarios extends SdkEngine {
        Scenarios(Mode mode) {
            super(Sdk.JAVA, mode, "JavaManaged");
        }

        @Test
        void aCancelledSleepEndsItsCallWith409() throws Exception {
            CompletableFuture<HttpResponse<String>> caller = call("/JavaManaged/sleep", "\"cancel-sleep\"");
            String id = idOf("sleep", "cancel-sleep");
            assertThat(patch(id, "cancel").statusCode()).as("the cancel signal appended").isEqualTo(202);
            HttpResponse<String> answer = caller.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
            // the Java SDK ends a cancelled invocation itself, with new TerminalException(409): message "Error 409"
            assertThat(JSON.readTree(answer.body()).get("message").textValue()).as("the SDK's own ending").isEqualTo("Error 409");
            assertThat(answer.headers().firstValue("x-restate-id")).hasValue(id);

            HttpResponse<String> again = patch(id, "cancel");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(again.body()).get("message").textValue()).isEqualTo("The invocation '" + id + "' was already completed.");
        }

        @Test
        void aCancelledAwakeableEndsItsAttachWith409() throws Exception {
            HttpResponse<String> sent = Http.post(ingress + "/JavaManaged/await/send", "\"cancel-await\"");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            String id = JSON.readTree(sent.body()).get("invocationId").textValue();
            assertThat(idOf("await", "cancel-await")).isEqualTo(id);
            CompletableFuture<HttpResponse<String>> attached = get("/restate/attach/" + id);
            assertThat(patch(id, "cancel").statusCode()).isEqualTo(202);
            HttpResponse<String> answer = attached.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
            HttpResponse<String> output = Http.get(ingress + "/restate/invocation/" + id + "/output");
            assertThat(output.statusCode()).as("the stored ending").isEqualTo(409);
            assertThat(output.body()).isEqualTo(answer.body());
        }

        @Test
        void aKilledSleepAnswersItsCallerAtOnce() throws Exception {
            CompletableFuture<HttpResponse<String>> caller = call("/JavaManaged/sleep", "\"kill\"");
            String id = idOf("sleep", "kill");
            assertThat(patch(id, "kill").statusCode()).isEqualTo(200);
            HttpResponse<String> answer = caller.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(answer.body()).get("message").textValue()).isEqualTo("killed");
            assertThat(patch(id, "kill").statusCode()).isEqualTo(409);
        }

        @Test
        void theRetryPolicyPausesAfterTwoAttemptsAndResumeRunsANewAttempt() throws Exception {
            String tag = "exhausted";
            CompletableFuture<HttpResponse<String>> caller = call("/JavaManaged/flaky", "\"" + tag + "\"");
            String id = idOf("flaky", tag);
            Await.until(() -> count("flaky", tag) == 2, "two attempts");
            Thread.sleep(1000);
            assertThat(count("flaky", tag)).as("paused after max attempts").isEqualTo(2);
            assertThat(caller).isNotDone();
            assertThat(patch(id, "pause").statusCode()).as("it is paused").isEqualTo(200);

            assertThat(patch(id, "resume").statusCode()).isEqualTo(200);
            Await.until(() -> count("flaky", tag) == 4, "resumed: two more attempts, then paused again");
            Http.post(ingress + "/JavaManaged/fix", "\"" + tag + "\"");
            assertThat(patch(id, "resume").statusCode()).isEqualTo(200);
            assertThat(caller.get(30, TimeUnit.SECONDS).body()).isEqualTo("\"fixed " + tag + "\"");
            assertThat(count("flaky", tag)).isEqualTo(5);
            assertThat(patch(id, "resume").statusCode()).as("completed").isEqualTo(409);
        }

        private HttpResponse<String> patch(String id, String operation) throws Exception {
            return Http.patch(admin + "/invocations/" + id + "/" + operation, null);
        }

        private CompletableFuture<HttpResponse<String>> call(String path, String json) {
            return Http.postAsync(ingress + path, json);
        }

        private CompletableFuture<HttpResponse<String>> get(String path) {
            return Http.getAsync(ingress + path);
        }

        /** The id the handler logged when its first attempt for {@code tag} started. */
        private String idOf(String event, String tag) throws Exception {
            return Await.logged(execLog, event + " " + tag + " ", 0);
        }

        private long count(String event, String tag) throws Exception {
            return Await.logged(execLog, event + " " + tag + " ").size();
        }
    }
}
