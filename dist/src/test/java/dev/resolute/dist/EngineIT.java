package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Official TypeScript SDK services against the real server: registered over the admin API and
 * invoked over the ingress, in HTTP/2 bidi mode with protocol V7, capped at V6, and in HTTP/1.1
 * request/response mode.
 */
class EngineIT {

    @Nested
    class BidiV7 extends Scenarios {
        BidiV7() {
            super(Mode.BIDI);
        }
    }

    @Nested
    class BidiCappedAtV6 extends Scenarios {
        BidiCappedAtV6() {
            super(Mode.BIDI_CAPPED_AT_V6);
        }
    }

    @Nested
    class RequestResponse extends Scenarios {
        RequestResponse() {
            super(Mode.REQUEST_RESPONSE);
        }
    }

    abstract static class Scenarios extends SdkEngine {
        Scenarios(Mode mode) {
            super(Sdk.TYPESCRIPT, mode, "Flow", "Tally");
        }

        @Test
        void threeRunStepsReturnTheirResults() throws Exception {
            HttpResponse<String> r = Http.post(ingress + "/Flow/steps", "\"x\"");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("\"x:123\"");
            assertThat(r.headers().firstValue("x-restate-id")).hasValueSatisfying(id -> assertThat(id).matches("inv_1[0-9a-zA-Z]{33}"));
            assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        }

        @Test
        void durableSleepWaitsAtLeastItsDuration() throws Exception {
            long started = System.nanoTime();
            HttpResponse<String> r = Http.post(ingress + "/Flow/sleep", "300");
            assertThat(r.body()).isEqualTo("\"slept 300\"");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }

        @Test
        void aServiceCallsAVirtualObjectAndStateIsKept() throws Exception {
            assertThat(Http.post(ingress + "/Flow/callTally", "\"call-key\"").body()).isEqualTo("1");
            assertThat(Http.post(ingress + "/Flow/callTally", "\"call-key\"").body()).isEqualTo("2");
            assertThat(Http.post(ingress + "/Tally/call-key/get", null).body()).isEqualTo("2");
            assertThat(Http.post(ingress + "/Tally/call-key/add", "10").body()).isEqualTo("12");
        }

        @Test
        void exclusiveCallsOnOneKeyQueueInOrder() throws Exception {
            for (String item : List.of("a", "b", "c")) {
                HttpResponse<String> accepted = Http.post(ingress + "/Tally/queue/slowAppend/send", "\"" + item + "\"");
                assertThat(accepted.statusCode()).isEqualTo(202);
                assertThat(accepted.body()).contains("\"status\":\"Accepted\"", "\"invocationId\":\"inv_1");
            }
            // the fourth waits behind the three queued ones, so it sees all of them
            assertThat(Http.post(ingress + "/Tally/queue/slowAppend", "\"d\"").body()).isEqualTo("[\"a\",\"b\",\"c\",\"d\"]");
        }

        @Test
        void sharedHandlersRunWhileAnExclusiveOneHoldsTheLockAndGetWorks() throws Exception {
            Http.post(ingress + "/Tally/shared/add", "3");
            assertThat(Http.post(ingress + "/Tally/shared/hold/send", "3000").statusCode()).isEqualTo(202);
            long started = System.nanoTime();
            HttpResponse<String> read = Http.get(ingress + "/Tally/shared/get");
            assertThat(read.body()).isEqualTo("3");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a shared read does not wait for the 3 s exclusive hold")
                    .isLessThan(Duration.ofMillis(2500));
        }

        @Test
        void stateKeysClearAndLazyState() throws Exception {
            Http.post(ingress + "/Tally/keys-key/add", "1");
            Http.post(ingress + "/Tally/keys-key/slowAppend", "\"x\"");
            assertThat(Http.post(ingress + "/Tally/keys-key/keys", null).body()).isEqualTo("[\"count\",\"list\"]");
            assertThat(Http.post(ingress + "/Tally/keys-key/clear", null).body()).isEqualTo("\"cleared\"");
            assertThat(Http.post(ingress + "/Tally/keys-key/keys", null).body()).isEqualTo("[]");

            assertThat(Http.post(ingress + "/LazyTally/lazy/add", "4").body()).isEqualTo("4");
            assertThat(Http.post(ingress + "/LazyTally/lazy/add", "4").body()).isEqualTo("8");
            assertThat(Http.post(ingress + "/LazyTally/lazy/keys", null).body()).isEqualTo("[\"count\"]");
            assertThat(Http.post(ingress + "/LazyTally/lazy/remove", "\"count\"").body()).isEqualTo("\"removed\"");
            assertThat(Http.post(ingress + "/LazyTally/lazy/keys", null).body()).isEqualTo("[]");
        }

        @Test
        void aWorkflowRunsByItsIdAndItsSharedHandlerReadsItsState() throws Exception {
            assertThat(Http.post(ingress + "/Job/job-7/run", "\"build\"").body()).isEqualTo("\"job-7: ran build\"");
            assertThat(Http.post(ingress + "/Job/job-7/last", null).body()).isEqualTo("\"ran build\"");
        }

        @Test
        void aRetryableErrorIsRetriedUntilItSucceeds() throws Exception {
            assertThat(Http.post(ingress + "/Flow/flaky", "\"" + getClass().getSimpleName() + "\"").body()).isEqualTo("\"ok after 3\"");
        }

        @Test
        void aTerminalErrorIsNotRetriedAndBecomesTheStatus() throws Exception {
            HttpResponse<String> r = Http.post(ingress + "/Flow/terminal", null);
            assertThat(r.statusCode()).isEqualTo(418);
            assertThat(r.headers().firstValue("x-restate-error-source")).hasValue("invocation");
            assertThat(r.body()).isEqualTo("{\"code\":418,\"message\":\"not a teapot\",\"source\":\"invocation\"}");
        }

        @Test
        void sendsAndDelayedSendsRun() throws Exception {
            assertThat(Http.post(ingress + "/Flow/sendTally", "{\"key\":\"sent\",\"n\":5}").body()).isEqualTo("\"sent\"");
            assertThat(Http.post(ingress + "/Flow/sendTally", "{\"key\":\"sent\",\"n\":7,\"delayMs\":300}").body()).isEqualTo("\"sent\"");
            HttpResponse<String> delayed = Http.post(ingress + "/Tally/sent/add/send?delay=200ms", "100");
            assertThat(delayed.statusCode()).isEqualTo(202);
            assertThat(delayed.body()).contains("\"executionTime\":\"");
            Await.body(ingress + "/Tally/sent/get", "112");
        }

        @Test
        void theRandomSeedIsStableAcrossAttempts() throws Exception {
            assertThat(Http.post(ingress + "/Flow/seed", null).body()).isEqualTo("true");
        }

        @Test
        void headersAreForwardedToTheHandler() throws Exception {
            HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(ingress + "/Flow/echoHeader"))
                    .header("x-test", "forwarded").POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(r.body()).isEqualTo("\"forwarded\"");
        }

        @Test
        void badRequestsGetSpecificErrors() throws Exception {
            HttpResponse<String> unknown = Http.post(ingress + "/Nope/x", null);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("x-restate-error-source")).hasValue("ingress");
            assertThat(unknown.body()).startsWith("{\"code\":404,\"message\":\"service 'Nope' not found");
            assertThat(Http.post(ingress + "/Flow/nope", null).body()).contains("handler 'Flow/nope' not found");
            HttpResponse<String> badType = Http.send(HttpRequest.newBuilder(URI.create(ingress + "/Flow/steps"))
                    .header("content-type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build());
            assertThat(badType.statusCode()).isEqualTo(400);
            assertThat(badType.body()).contains("input validation error");
            assertThat(Http.post(ingress + "/Flow/steps?delay=1s", "\"x\"").statusCode()).isEqualTo(400);
            HttpResponse<String> put = Http.send(HttpRequest.newBuilder(URI.create(ingress + "/Flow/steps"))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(put.statusCode()).isEqualTo(405);
            assertThat(Http.post(ingress + "/Tally/k/add/extra/segments", "1").statusCode()).isEqualTo(400);
        }

        @Test
        void anErrorAnswerLeavesTheConnectionOpenForTheNextRequest() throws Exception {
            URI uri = URI.create(ingress);
            try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout(30_000);
                String host = "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n";
                // the body comes after the server has seen the headers (and could answer 404 at once), then the next request
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("POST /Nope/x HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 7\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);
                out.write(("{\"a\":1}POST /Flow/noop HTTP/1.1\r\n" + host + "Content-Length: 0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                java.io.InputStream in = socket.getInputStream();
                StringBuilder answers = new StringBuilder();
                byte[] buffer = new byte[4096];
                int n;
                while (!answers.toString().contains("\"ok\"") && (n = in.read(buffer)) > 0) {
                    answers.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                }
                assertThat(answers.toString()).startsWith("HTTP/1.1 404").contains("service 'Nope' not found")
                        .contains("HTTP/1.1 200").contains("\"ok\"").doesNotContainIgnoringCase("connection: close");
            }
        }

        @Test
        void anAwakeableIsResolvedThroughTheIngressOnceAndTheFirstResultWins() throws Exception {
            String key = "ingress-" + getClass().getSimpleName();
            CompletableFuture<HttpResponse<String>> waiting = Http.postAsync(ingress + "/Awaker/wait", "\"" + key + "\"");
            String id = awakeableId(key);
            assertThat(id).matches("sign_1[A-Za-z0-9_-]{38}");

            HttpResponse<String> resolved = Http.post(ingress + "/restate/awakeables/" + id + "/resolve", "\"hello\"");
            assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(202);
            assertThat(resolved.body()).isEmpty();
            assertThat(waiting.get(60, TimeUnit.SECONDS).body()).isEqualTo("\"got hello\"");

            HttpResponse<String> again = Http.post(ingress + "/restate/a/" + id + "/reject", "too late");
            assertThat(again.statusCode()).as("a completed awakeable accepts and drops a second result").isEqualTo(202);
        }

        @Test
        void anAwakeableIsResolvedByAnotherHandler() throws Exception {
            String key = "handler-" + getClass().getSimpleName();
            CompletableFuture<HttpResponse<String>> waiting = Http.postAsync(ingress + "/Awaker/wait", "\"" + key + "\"");
            String id = awakeableId(key);
            assertThat(Http.post(ingress + "/Awaker/resolve", "{\"id\":\"" + id + "\",\"value\":\"from a handler\"}").body())
                    .isEqualTo("\"resolved\"");
            assertThat(waiting.get(60, TimeUnit.SECONDS).body()).isEqualTo("\"got from a handler\"");
        }

        @Test
        void anAwakeableIsRejectedThroughTheIngressAlias() throws Exception {
            String key = "reject-" + getClass().getSimpleName();
            CompletableFuture<HttpResponse<String>> waiting = Http.postAsync(ingress + "/Awaker/wait", "\"" + key + "\"");
            String id = awakeableId(key);
            HttpResponse<String> rejected = Http.post(ingress + "/restate/a/" + id + "/reject", "no way");
            assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(202);
            assertThat(waiting.get(60, TimeUnit.SECONDS).body()).isEqualTo("\"rejected 500: no way\"");
        }

        @Test
        void aHandlerCancelsAnotherWithTheBuiltInCancelSignal() throws Exception {
            String key = "cancel-" + getClass().getSimpleName();
            assertThat(Http.post(ingress + "/Awaker/cancelWaiter", "\"" + key + "\"").body()).isEqualTo("\"cancelled\"");
            Await.body(ingress + "/Mailbox/" + key + "-result/get", "\"rejected 409: Cancelled\"");
        }

        @Test
        void aMalformedAwakeableIdIsA400SayingWhatIsWrong() throws Exception {
            HttpResponse<String> truncated = Http.post(ingress + "/restate/awakeables/sign_1J8-wPxtxQPSiTcVYJpor4s6OiVs5vVPqAAAA/resolve", "1");
            assertThat(truncated.statusCode()).isEqualTo(400);
            assertThat(truncated.headers().firstValue("x-restate-error-source")).hasValue("ingress");
            assertThat(truncated.body()).isEqualTo("{\"code\":400,\"message\":\"bad awakeable id 'sign_1J8-wPxtxQPSiTcVYJpor4s6OiVs5vVPqAAAA': "
                    + "it must encode 28 bytes, not 27\",\"source\":\"ingress\"}");
            assertThat(Http.post(ingress + "/restate/a/inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHlB9U/resolve", "1").body())
                    .contains("bad awakeable id 'inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHlB9U': it must start with");
            assertThat(Http.post(ingress + "/restate/a/sign_1!!/resolve", "1").body()).contains("not base64url after the prefix");
        }

        /** The id the waiting handler published in its mailbox. */
        private String awakeableId(String key) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String body = "null";
            while (body.equals("null") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                body = Http.post(ingress + "/Mailbox/" + key + "/get", null).body();
            }
            assertThat(body).as("the awakeable id in Mailbox/" + key).startsWith("\"");
            return body.substring(1, body.length() - 1);
        }
    }
}
