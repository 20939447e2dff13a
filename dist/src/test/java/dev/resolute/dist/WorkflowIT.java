package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Workflows with durable promises, with the official TypeScript SDK's Approval workflow (workflow-services.js): its
 * run waits for the "decision" promise that shared handlers resolve, reject or peek, before, during and after run.
 * Expected answers are those restate-server 1.7.12 gives the same service (a second completion: 409 "promise was
 * already completed"; a rejection: the run sees code 500 with the reason). Over HTTP/2 bidi (protocol V7, and capped
 * at V6) and HTTP/1.1 request/response.
 */
class WorkflowIT {

    @Nested
    class Bidi extends Scenarios {
        Bidi() {
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
            super(Sdk.TYPESCRIPT, mode, "Approval");
        }

        private CompletableFuture<HttpResponse<String>> callAsync(String path, String json) {
            return Http.postAsync(ingress + path, json);
        }

        private String call(String path, String json) throws Exception {
            HttpResponse<String> r = Http.post(ingress + path, json);
            assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
            return r.body();
        }

        /** Waits until run has stored its first state: it is then waiting for the promise. */
        private void awaitWaiting(String workflow, String request) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!call("/Approval/" + workflow + "/status", null).equals("\"waiting for " + request + "\"")) {
                assertThat(System.nanoTime()).as("run of %s started", workflow).isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        @Test
        void runWaitsForThePromiseASharedHandlerResolves() throws Exception {
            CompletableFuture<HttpResponse<String>> run = callAsync("/Approval/wf-a/run", "\"loan\"");
            awaitWaiting("wf-a", "loan");
            Thread.sleep(300);
            assertThat(run).as("run waits for the decision").isNotDone();
            assertThat(call("/Approval/wf-a/peek", null)).isEqualTo("null");

            assertThat(call("/Approval/wf-a/approve", "\"yes\"")).isEqualTo("\"approved\"");
            HttpResponse<String> result = run.get(30, TimeUnit.SECONDS);
            assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
            assertThat(result.body()).isEqualTo("\"approved yes\"");
            assertThat(call("/Approval/wf-a/peek", null)).isEqualTo("\"yes\"");
            assertThat(call("/Approval/wf-a/status", null)).as("state kept after run ended").isEqualTo("\"approved yes\"");
        }

        @Test
        void aPromiseResolvedBeforeRunAsksDeliversAtOnce() throws Exception {
            assertThat(call("/Approval/wf-b/approve", "\"early\"")).isEqualTo("\"approved\"");
            assertThat(call("/Approval/wf-b/peek", null)).isEqualTo("\"early\"");
            long started = System.nanoTime();
            assertThat(call("/Approval/wf-b/run", "\"loan\"")).isEqualTo("\"approved early\"");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }

        @Test
        void aRejectedPromiseFailsTheGetWithItsReason() throws Exception {
            CompletableFuture<HttpResponse<String>> run = callAsync("/Approval/wf-c/run", "\"loan\"");
            awaitWaiting("wf-c", "loan");
            assertThat(call("/Approval/wf-c/reject", "\"too risky\"")).isEqualTo("\"rejected\"");
            assertThat(run.get(30, TimeUnit.SECONDS).body()).isEqualTo("\"rejected 500: too risky\"");
            HttpResponse<String> peek = Http.post(ingress + "/Approval/wf-c/peek", null);
            assertThat(peek.statusCode()).isEqualTo(500);
            assertThat(peek.body()).contains("\"message\":\"too risky\"");
        }

        @Test
        void aSecondCompletionFailsWith409AndTheFirstOneStays() throws Exception {
            assertThat(call("/Approval/wf-d/approve", "\"first\"")).isEqualTo("\"approved\"");
            assertThat(call("/Approval/wf-d/approveAgain", "\"second\"")).isEqualTo("\"failed 409: promise was already completed\"");
            HttpResponse<String> rejected = Http.post(ingress + "/Approval/wf-d/reject", "\"late\"");
            assertThat(rejected.statusCode()).isEqualTo(409);
            assertThat(rejected.body()).isEqualTo("{\"code\":409,\"message\":\"promise was already completed\",\"source\":\"invocation\"}");
            assertThat(call("/Approval/wf-d/peek", null)).isEqualTo("\"first\"");
            assertThat(call("/Approval/wf-d/run", "\"loan\"")).isEqualTo("\"approved first\"");
        }

        @Test
        void sharedHandlersRunAndWaitConcurrentlyWithRun() throws Exception {
            CompletableFuture<HttpResponse<String>> run = callAsync("/Approval/wf-e/run", "\"loan\"");
            awaitWaiting("wf-e", "loan");
            CompletableFuture<HttpResponse<String>> waiter = callAsync("/Approval/wf-e/await", null);
            Thread.sleep(300);
            assertThat(waiter).as("a shared handler waits on the promise too").isNotDone();
            assertThat(call("/Approval/wf-e/status", null)).as("and another one reads state meanwhile").isEqualTo("\"waiting for loan\"");
            assertThat(call("/Approval/wf-e/approve", "\"both\"")).isEqualTo("\"approved\"");
            assertThat(run.get(30, TimeUnit.SECONDS).body()).isEqualTo("\"approved both\"");
            assertThat(waiter.get(30, TimeUnit.SECONDS).body()).isEqualTo("\"seen both\"");
        }
    }
}
