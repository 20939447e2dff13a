package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys, workflow runs, attach, output and lookup with the TypeScript SDK services of idem-services.js,
 * over HTTP/2 bidi (protocol V7, and capped at V6) and HTTP/1.1 request/response. Status codes, bodies and headers
 * are the ones restate-server 1.7.12 answers for the same requests (checked by hand against it).
 */
class IdempotencyIT {
    private static final Pattern ID = Pattern.compile("\"invocationId\":\"(inv_1[0-9a-zA-Z]{33})\"");

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
        private final String tag;

        Scenarios(Mode mode) {
            super(Sdk.TYPESCRIPT, mode);
            this.tag = mode.http1 ? "rr" : "bidi";
        }

        @Test
        void aDuplicateWhileRunningAttachesAndAfterCompletionGetsTheStoredResult() throws Exception {
            String t = tag + "-dup";
            OffsetDateTime before = OffsetDateTime.now();
            String input = "{\"tag\":\"" + t + "\",\"ms\":1500}";
            HttpResponse<String> sent = withKey("/Idem/slowEcho/send", "k-" + t, input);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            assertThat(sent.body()).contains("\"status\":\"Accepted\"");
            String id = id(sent);
            assertThat(sent.headers().firstValue("x-restate-id")).hasValue(id);

            HttpResponse<String> again = withKey("/Idem/slowEcho/send", "k-" + t, input);
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(again.body()).isEqualTo("{\"invocationId\":\"" + id + "\",\"status\":\"PreviouslyAccepted\"}");

            HttpResponse<String> attached = withKey("/Idem/slowEcho", "k-" + t, "{\"tag\":\"other\",\"ms\":0}");
            assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
            assertThat(attached.body()).isEqualTo("\"echo " + t + "\"");
            assertThat(attached.headers().firstValue("x-restate-id")).hasValue(id);
            assertThat(attached.headers().firstValue("idempotency-expires")).as("a live result is not a retained one").isEmpty();

            HttpResponse<String> stored = withKey("/Idem/slowEcho", "k-" + t, input);
            assertThat(stored.statusCode()).isEqualTo(200);
            assertThat(stored.body()).isEqualTo("\"echo " + t + "\"");
            assertThat(stored.headers().firstValue("x-restate-id")).hasValue(id);
            // RFC 3339 as Restate writes it: the completion time plus the idempotency retention (default 1 day)
            String expires = stored.headers().firstValue("idempotency-expires").orElseThrow(() -> new AssertionError("no idempotency-expires"));
            assertThat(expires).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+00:00");
            assertThat(OffsetDateTime.parse(expires)).isBetween(before.plusDays(1).minusSeconds(1), OffsetDateTime.now().plusDays(1).plusSeconds(1));
            assertThat(executions(t)).isEqualTo(1);
        }

        @Test
        void twentyConcurrentDuplicatesRunOnce() throws Exception {
            String t = tag + "-concurrent";
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // a connection per request
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(ingress + "/Idem/slowEcho")).timeout(Duration.ofSeconds(60))
                        .header("content-type", "application/json").header("idempotency-key", "k-" + t)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"tag\":\"" + t + "\",\"ms\":500}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<String> ids = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.join();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("\"echo " + t + "\"");
                ids.add(r.headers().firstValue("x-restate-id").orElseThrow());
            }
            assertThat(ids).as("one invocation").containsOnly(ids.get(0));
            assertThat(executions(t)).isEqualTo(1);
        }

        @Test
        void anEmptyIdempotencyKeyIsNoKey() throws Exception {
            String t = tag + "-empty-key";
            String first = withKey("/Idem/slowEcho", "", "{\"tag\":\"" + t + "\"}").headers().firstValue("x-restate-id").orElseThrow();
            String second = withKey("/Idem/slowEcho", "", "{\"tag\":\"" + t + "\"}").headers().firstValue("x-restate-id").orElseThrow();
            assertThat(first).isNotEqualTo(second);
            assertThat(executions(t)).isEqualTo(2);
        }

        @Test
        void aWorkflowRunsOncePerIdAndItsResultCanBeAttachedTo() throws Exception {
            String wf = tag + "-wf";
            HttpResponse<String> sent = Http.post(ingress + "/IdemFlow/" + wf + "/run/send", "{\"tag\":\"a\",\"ms\":1500}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            String id = id(sent);
            HttpResponse<String> again = Http.post(ingress + "/IdemFlow/" + wf + "/run/send", "{\"tag\":\"b\",\"ms\":0}");
            assertThat(again.body()).isEqualTo("{\"invocationId\":\"" + id + "\",\"status\":\"PreviouslyAccepted\"}");

            HttpResponse<String> called = Http.post(ingress + "/IdemFlow/" + wf + "/run", "{\"tag\":\"c\",\"ms\":0}");
            assertThat(called.statusCode()).isEqualTo(409);
            assertThat(called.body()).isEqualTo("{\"code\":409,\"message\":\"the workflow method was already invoked\",\"source\":\"invocation\"}");
            assertThat(called.headers().firstValue("x-restate-id")).hasValue(id);
            assertThat(called.headers().firstValue("x-restate-error-source")).hasValue("invocation");

            HttpResponse<String> keyed = withKey("/IdemFlow/" + wf + "/run", "k", "{\"tag\":\"d\"}");
            assertThat(keyed.statusCode()).isEqualTo(400);
            assertThat(keyed.body()).isEqualTo("{\"code\":400,\"message\":\"cannot use the idempotency key with workflow handlers. The handler"
                    + " invocation will already be idempotent by the workflow key itself.\",\"source\":\"ingress\"}");

            HttpResponse<String> early = Http.get(ingress + "/restate/workflow/IdemFlow/" + wf + "/output");
            assertThat(early.statusCode()).isEqualTo(470);
            assertThat(early.body()).isEqualTo("{\"code\":470,\"message\":\"the invocation exists but has not completed yet\",\"source\":\"ingress\"}");

            HttpResponse<String> attached = Http.get(ingress + "/restate/workflow/IdemFlow/" + wf + "/attach");
            assertThat(attached.statusCode()).isEqualTo(200);
            assertThat(attached.body()).isEqualTo("\"flow " + wf + " a\"");
            assertThat(attached.headers().firstValue("x-restate-id")).hasValue(id);
            assertThat(Http.get(ingress + "/restate/workflow/IdemFlow/" + wf + "/output").body()).isEqualTo("\"flow " + wf + " a\"");
            assertThat(Http.post(ingress + "/restate/output", "{\"target\":\"workflow\",\"workflowName\":\"IdemFlow\",\"workflowKey\":\"" + wf + "\"}")
                    .body()).isEqualTo("\"flow " + wf + " a\"");
            assertThat(Http.post(ingress + "/restate/lookup", "{\"target\":\"workflow\",\"workflowName\":\"IdemFlow\",\"workflowKey\":\"" + wf + "\"}")
                    .body()).isEqualTo("{\"invocationId\":\"" + id + "\"}");
            assertThat(Http.post(ingress + "/IdemFlow/" + wf + "/run", "{\"tag\":\"e\"}").statusCode()).as("also after completion").isEqualTo(409);
            assertThat(Http.post(ingress + "/IdemFlow/" + wf + "/executions", null).body()).isEqualTo("1");
        }

        @Test
        void attachOutputAndLookupByIdAndByIdempotencyKey() throws Exception {
            String t = tag + "-routes";
            String id = id(Http.post(ingress + "/Idem/slowEcho/send", "{\"tag\":\"" + t + "\",\"ms\":1500}"));
            HttpResponse<String> early = Http.get(ingress + "/restate/invocation/" + id + "/output");
            assertThat(early.statusCode()).isEqualTo(470);
            assertThat(early.headers().firstValue("x-restate-error-source")).hasValue("ingress");
            assertThat(Http.get(ingress + "/restate/output/" + id).statusCode()).isEqualTo(470);

            HttpResponse<String> attached = Http.get(ingress + "/restate/attach/" + id);
            assertThat(attached.statusCode()).isEqualTo(200);
            assertThat(attached.body()).isEqualTo("\"echo " + t + "\"");
            assertThat(attached.headers().firstValue("x-restate-id")).hasValue(id);
            assertThat(attached.headers().firstValue("content-type")).hasValue("application/json");
            for (String path : List.of("/restate/invocation/" + id + "/attach", "/restate/invocation/" + id + "/output", "/restate/output/" + id)) {
                HttpResponse<String> r = Http.get(ingress + path);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.body()).as(path).isEqualTo("\"echo " + t + "\"");
            }
            assertThat(Http.post(ingress + "/restate/attach", "{\"target\":\"invocation\",\"invocationId\":\"" + id + "\"}").body())
                    .isEqualTo("\"echo " + t + "\"");

            String keyed = id(withKey("/Idem/slowEcho/send", "k-" + t, "{\"tag\":\"" + t + "-k\"}"));
            assertThat(Http.get(ingress + "/restate/invocation/Idem/slowEcho/k-" + t + "/attach").body()).isEqualTo("\"echo " + t + "-k\"");
            assertThat(Http.get(ingress + "/restate/invocation/Idem/slowEcho/k-" + t + "/output").headers().firstValue("x-restate-id")).hasValue(keyed);
            assertThat(Http.post(ingress + "/restate/lookup", "{\"target\":\"idempotentInvocation\",\"service\":\"Idem\",\"handler\":\"slowEcho\","
                    + "\"idempotencyKey\":\"k-" + t + "\"}").body()).isEqualTo("{\"invocationId\":\"" + keyed + "\"}");

            HttpResponse<String> objectCall = withKey("/Tally/" + t + "/add", "k-" + t, "5");
            assertThat(objectCall.body()).isEqualTo("5");
            assertThat(withKey("/Tally/" + t + "/add", "k-" + t, "5").body()).as("not added twice").isEqualTo("5");
            HttpResponse<String> objectOutput = Http.get(ingress + "/restate/invocation/Tally/" + t + "/add/k-" + t + "/output");
            assertThat(objectOutput.statusCode()).isEqualTo(200);
            assertThat(objectOutput.body()).isEqualTo("5");
            assertThat(objectOutput.headers().firstValue("x-restate-id")).isEqualTo(objectCall.headers().firstValue("x-restate-id"));
        }

        @Test
        void unknownAndMalformedTargets() throws Exception {
            String unknown = "inv_10FH0Hfp0RFc3IUgbVfnvE3qpZ2MWhiv3Q";
            for (String path : List.of("/restate/invocation/" + unknown + "/output", "/restate/attach/" + unknown,
                    "/restate/invocation/Idem/slowEcho/never-used/attach", "/restate/workflow/IdemFlow/never-run/output")) {
                HttpResponse<String> r = Http.get(ingress + path);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.body()).as(path).isEqualTo("{\"code\":404,\"message\":\"invocation not found\",\"source\":\"ingress\"}");
            }
            HttpResponse<String> bad = Http.get(ingress + "/restate/invocation/inv_1bad/output");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).startsWith("{\"code\":400,\"message\":\"bad invocation id 'inv_1bad': ");
            assertThat(Http.get(ingress + "/restate/invocation/Nope/h/k/output").statusCode()).isEqualTo(404);
            HttpResponse<String> badBody = Http.post(ingress + "/restate/lookup", "{\"target\":\"bogus\"}");
            assertThat(badBody.statusCode()).isEqualTo(400);
            assertThat(badBody.body()).contains("unknown target 'bogus'");
        }

        @Test
        void aTerminalFailureKeepsItsCodeWhenAttachedOrCalledAgain() throws Exception {
            String t = tag + "-reject";
            String id = id(withKey("/Idem/reject/send", "k-" + t, "\"" + t + "\""));
            String expected = "{\"code\":422,\"message\":\"rejected " + t + "\",\"source\":\"invocation\"}";
            HttpResponse<String> attached = Http.get(ingress + "/restate/attach/" + id);
            assertThat(attached.statusCode()).isEqualTo(422);
            assertThat(attached.body()).isEqualTo(expected);
            assertThat(attached.headers().firstValue("x-restate-error-source")).hasValue("invocation");
            assertThat(attached.headers().firstValue("x-restate-id")).hasValue(id);
            HttpResponse<String> again = withKey("/Idem/reject", "k-" + t, "\"" + t + "\"");
            assertThat(again.statusCode()).isEqualTo(422);
            assertThat(again.body()).isEqualTo(expected);
            assertThat(executions(t)).isEqualTo(1);
        }

        @Test
        void handlersAttachAndCallWithIdempotencyKeys() throws Exception {
            String t = tag + "-sdk";
            HttpResponse<String> r = Http.post(ingress + "/Idem/sendThenAttach", "{\"tag\":\"" + t + "\",\"ms\":300,\"key\":\"k-" + t + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            Matcher m = Pattern.compile("\\{\"id\":\"(inv_1[0-9a-zA-Z]{33})\",\"result\":\"echo " + t + "\"}").matcher(r.body());
            assertThat(m.matches()).as(r.body()).isTrue();
            String sent = m.group(1);
            assertThat(Http.post(ingress + "/restate/lookup", "{\"target\":\"idempotentInvocation\",\"service\":\"Idem\",\"handler\":\"slowEcho\","
                    + "\"idempotencyKey\":\"k-" + t + "\"}").body()).as("the SDK's send got the deterministic id").isEqualTo("{\"invocationId\":\"" + sent + "\"}");

            assertThat(Http.post(ingress + "/Idem/callWithKey", "{\"tag\":\"" + t + "\",\"ms\":0,\"key\":\"k-" + t + "\"}").body())
                    .as("a call with the same key gets the stored result").isEqualTo("\"echo " + t + "\"");
            assertThat(executions(t)).isEqualTo(1);

            String reject = id(withKey("/Idem/reject/send", "k-" + t, "\"" + t + "-r\""));
            assertThat(Http.post(ingress + "/Idem/attach", "\"" + reject + "\"").body()).isEqualTo("\"failed 422: rejected " + t + "-r\"");
            assertThat(Http.post(ingress + "/Idem/attach", "\"inv_10FH0Hfp0RFc3IUgbVfnvE3qpZ2MWhiv3Q\"").body()).startsWith("\"failed 404: ");
        }

        private HttpResponse<String> withKey(String path, String key, String json) throws Exception {
            return Http.postWithKey(ingress + path, key, json);
        }

        private int executions(String t) throws Exception {
            return Integer.parseInt(Http.post(ingress + "/Idem/executions", "\"" + t + "\"").body());
        }

        private static String id(HttpResponse<String> accepted) {
            Matcher m = ID.matcher(accepted.body());
            assertThat(m.find()).as(accepted.body()).isTrue();
            return m.group(1);
        }
    }
}
