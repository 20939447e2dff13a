package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The official Java SDK's durable promises (test-services/java JavaApproval) against the real server, over HTTP/2
 * and HTTP/1.1 request/response. Expected answers are those restate-server 1.7.12 gives the same service.
 */
class JavaWorkflowIT {

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
            super(Sdk.JAVA, mode, "JavaApproval");
        }

        private String call(String path, String json) throws Exception {
            HttpResponse<String> r = Http.post(ingress + path, json);
            assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
            return r.body();
        }

        private CompletableFuture<HttpResponse<String>> runAndAwaitWaiting(String workflow) throws Exception {
            CompletableFuture<HttpResponse<String>> run = Http.postAsync(ingress + "/JavaApproval/" + workflow + "/run", "\"loan\"");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!call("/JavaApproval/" + workflow + "/status", null).equals("\"waiting for loan\"")) {
                assertThat(System.nanoTime()).as("run of %s started", workflow).isLessThan(deadline);
                Thread.sleep(50);
            }
            return run;
        }

        @Test
        void runWaitsForThePromiseASharedHandlerResolvesAndASecondCompletionFails() throws Exception {
            CompletableFuture<HttpResponse<String>> run = runAndAwaitWaiting("j-a");
            assertThat(call("/JavaApproval/j-a/peek", null)).isEqualTo("\"not yet\"");
            assertThat(call("/JavaApproval/j-a/approve", "\"yes\"")).isEqualTo("\"approved\"");
            assertThat(run.get(30, TimeUnit.SECONDS).body()).isEqualTo("\"approved yes\"");
            assertThat(call("/JavaApproval/j-a/approveAgain", "\"again\"")).isEqualTo("\"failed 409: promise was already completed\"");
            HttpResponse<String> late = Http.post(ingress + "/JavaApproval/j-a/reject", "\"nah\"");
            assertThat(late.statusCode()).isEqualTo(409);
            assertThat(late.body()).isEqualTo("{\"code\":409,\"message\":\"promise was already completed\",\"source\":\"invocation\"}");
            assertThat(call("/JavaApproval/j-a/peek", null)).isEqualTo("\"yes\"");
        }

        @Test
        void aPromiseRejectedBeforeRunAsksFailsItsGetAtOnce() throws Exception {
            assertThat(call("/JavaApproval/j-b/reject", "\"nah\"")).isEqualTo("\"rejected\"");
            HttpResponse<String> peek = Http.post(ingress + "/JavaApproval/j-b/peek", null);
            assertThat(peek.statusCode()).isEqualTo(500);
            assertThat(peek.body()).isEqualTo("{\"code\":500,\"message\":\"nah\",\"source\":\"invocation\"}");
            assertThat(call("/JavaApproval/j-b/run", "\"loan\"")).isEqualTo("\"rejected 500: nah\"");
        }
    }
}
