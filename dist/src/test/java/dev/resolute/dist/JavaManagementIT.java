package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invocation management through the admin API ({@code PATCH /invocations/{id}/…}) with the official Java SDK's
 * services (test-services/java JavaManaged), over HTTP/2 and HTTP/1.1 request/response: a cancelled sleep or awakeable
 * ends its call and its attach with 409, a kill answers the caller at once, and a handler whose retry policy pauses
 * after two attempts waits until resumed.
 */
class JavaManagementIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Http2Bidi extends Scenarios {
        Http2Bidi() {
            super(false);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Http11RequestResponse extends Scenarios {
        Http11RequestResponse() {
            super(true);
        }
    }

    abstract static class Scenarios {
        private final boolean http11;
        Path execLog;
        SdkServices services;
        ServerProcess server;
        String ingress;
        String admin;

        Scenarios(boolean http11) {
            this.http11 = http11;
        }

        @BeforeAll
        void start(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws Exception {
            execLog = tmp.resolve("exec.log");
            services = SdkServices.java(execLog);
            server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp");
            ingress = server.url("ingress");
            admin = server.url("admin");
            HttpResponse<String> registered = Http.post(admin + "/deployments",
                    "{\"uri\":\"" + services.uri() + "\"" + (http11 ? ",\"use_http_11\":true" : "") + "}");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            assertThat(registered.body()).contains("\"JavaManaged\"");
        }

        @AfterAll
        void stop() throws Exception {
            if (server != null) {
                server.close();
            }
            if (services != null) {
                services.close();
            }
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
            eventually(() -> count("flaky", tag) == 2, "two attempts");
            Thread.sleep(1000);
            assertThat(count("flaky", tag)).as("paused after max attempts").isEqualTo(2);
            assertThat(caller).isNotDone();
            assertThat(patch(id, "pause").statusCode()).as("it is paused").isEqualTo(200);

            assertThat(patch(id, "resume").statusCode()).isEqualTo(200);
            eventually(() -> count("flaky", tag) == 4, "resumed: two more attempts, then paused again");
            Http.post(ingress + "/JavaManaged/fix", "\"" + tag + "\"");
            assertThat(patch(id, "resume").statusCode()).isEqualTo(200);
            assertThat(caller.get(30, TimeUnit.SECONDS).body()).isEqualTo("\"fixed " + tag + "\"");
            assertThat(count("flaky", tag)).isEqualTo(5);
            assertThat(patch(id, "resume").statusCode()).as("completed").isEqualTo(409);
        }

        private HttpResponse<String> patch(String id, String operation) throws Exception {
            return Http.send(HttpRequest.newBuilder(URI.create(admin + "/invocations/" + id + "/" + operation))
                    .timeout(Duration.ofSeconds(60)).method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
        }

        private CompletableFuture<HttpResponse<String>> call(String path, String json) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.post(ingress + path, json);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        private CompletableFuture<HttpResponse<String>> get(String path) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.get(ingress + path);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        /** The id the handler logged when its first attempt for {@code tag} started. */
        private String idOf(String event, String tag) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                List<String> ids = lines(event, tag);
                if (!ids.isEmpty()) {
                    return ids.get(0).substring((event + " " + tag + " ").length());
                }
                Thread.sleep(50);
            }
            throw new TimeoutException("no '" + event + " " + tag + "' in the exec log");
        }

        private long count(String event, String tag) throws Exception {
            return lines(event, tag).size();
        }

        private List<String> lines(String event, String tag) throws Exception {
            String prefix = event + " " + tag + " ";
            return Files.exists(execLog) ? Files.readAllLines(execLog).stream().filter(l -> l.startsWith(prefix)).toList() : List.of();
        }

        private static void eventually(Check check, String what) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!check.holds()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not within 30 s: " + what);
                }
                Thread.sleep(100);
            }
        }

        @FunctionalInterface
        private interface Check {
            boolean holds() throws Exception;
        }
    }
}
