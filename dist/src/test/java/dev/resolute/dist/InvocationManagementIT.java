package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Invocation management through the admin API (restate-protocol.md §1.7, §4.3) on the real server with the official
 * TypeScript SDK's services (test-services/typescript/manage-services.js), over HTTP/2 bidi (protocol V7, and capped
 * at V6) and HTTP/1.1 request/response: cancel (through the SDK, down the call tree, in the inbox), kill, pause and
 * resume (also after retries ran out), restart-as-new, purge, the batch route and the error bodies.
 */
class InvocationManagementIT {
    private static final ObjectMapper JSON = new ObjectMapper();

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
            super(Sdk.TYPESCRIPT, mode);
        }

        @Test
        void cancellingASleepingOrAwaitingHandlerEndsItWith409ForItsCaller() throws Exception {
            for (String handler : List.of("sleep", "await")) {
                String tag = "cancel-" + handler;
                String input = handler.equals("sleep") ? "{\"tag\":\"" + tag + "\",\"ms\":120000}" : "\"" + tag + "\"";
                CompletableFuture<HttpResponse<String>> caller = call("/Manageable/" + handler, input);
                String id = idOf(handler, tag);
                assertThat(patch(id, "cancel").statusCode()).as("the cancel signal appended").isEqualTo(202);
                HttpResponse<String> answer = caller.get(30, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
                assertThat(JSON.readTree(answer.body()).get("message").textValue()).as("the SDK's own ending").isEqualTo("Cancelled");

                HttpResponse<String> again = patch(id, "cancel");
                assertThat(again.statusCode()).isEqualTo(409);
                assertThat(JSON.readTree(again.body()).get("message").textValue()).isEqualTo("The invocation '" + id + "' was already completed.");
                assertThat(JSON.readTree(again.body()).get("restate_code").isNull()).isTrue();
                assertThat(patch(id, "kill").statusCode()).isEqualTo(409);
            }
        }

        @Test
        void cancellingACallerCancelsTheChildItWaitsFor() throws Exception {
            CompletableFuture<HttpResponse<String>> caller = call("/Manageable/callChild", "\"tree\"");
            String parent = idOf("parent", "tree");
            String child = idOf("sleep", "tree-child");
            assertThat(patch(parent, "cancel").statusCode()).isEqualTo(202);
            assertThat(caller.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(409);
            // the child ends too: only a completed invocation can be purged
            Await.until(() -> patch(child, "purge").statusCode() == 200, "the child " + child + " completed");
        }

        /** A caller's ctx.cancel (SendSignal with the built-in cancel signal) ends an inboxed invocation without running it. */
        @Test
        void theCancelSignalFromAnotherHandlerEndsAnInboxedInvocation() throws Exception {
            String key = "signal-" + mode.http1;
            String holder = sendId("/Locker/" + key + "/hold", "{\"tag\":\"" + key + "\",\"ms\":120000}");
            idOf("hold", key);
            HttpResponse<String> cancelled = Http.post(ingress + "/Manageable/cancelQueued", "{\"key\":\"" + key + "\",\"tag\":\"q-" + key + "\"}");
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            String queued = JSON.readTree(cancelled.body()).textValue();
            Await.until(() -> patch(queued, "purge").statusCode() == 200, "the queued " + queued + " ended while " + holder + " holds the lock");
            assertThat(count("note", "q-" + key)).isZero();
            assertThat(patch(holder, "kill").statusCode()).isEqualTo(200);
        }

        /** As Restate 1.7.12: a kill ends the callees a caller still waits for too. */
        @Test
        void killingACallerKillsTheChildItWaitsFor() throws Exception {
            CompletableFuture<HttpResponse<String>> caller = call("/Manageable/callChild", "\"kill-tree\"");
            String parent = idOf("parent", "kill-tree");
            String child = idOf("sleep", "kill-tree-child");
            assertThat(patch(parent, "kill").statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(caller.get(30, TimeUnit.SECONDS).body()).get("message").textValue()).isEqualTo("killed");
            Await.until(() -> patch(child, "purge").statusCode() == 200, "the child " + child + " was killed");
        }

        @Test
        void aCancelledInboxedInvocationEndsAtOnceAndAKilledHolderPassesTheLock() throws Exception {
            String key = "lock-" + mode.http1;
            String holder = sendId("/Locker/" + key + "/hold", "{\"tag\":\"" + key + "\",\"ms\":120000}");
            idOf("hold", key); // it runs and holds the lock
            String queued = sendId("/Locker/" + key + "/note", "\"queued-" + key + "\"");
            CompletableFuture<HttpResponse<String>> next = call("/Locker/" + key + "/note", "\"next-" + key + "\"");
            assertThat(patch(queued, "cancel").statusCode()).as("an inboxed invocation ends directly").isEqualTo(200);
            assertThat(patch(queued, "purge").statusCode()).as("it is completed").isEqualTo(200);
            assertThat(next).isNotDone();

            HttpResponse<String> killed = patch(holder, "kill");
            assertThat(killed.statusCode()).as(killed.body()).isEqualTo(200);
            HttpResponse<String> nextAnswer = next.get(30, TimeUnit.SECONDS);
            assertThat(nextAnswer.body()).isEqualTo("\"noted next-" + key + "\"");
            assertThat(Files.readString(execLog)).doesNotContain("note queued-" + key);
            assertThat(patch(holder, "kill").statusCode()).isEqualTo(409);
        }

        @Test
        void aCancelledDelayedSendEndsBeforeItRuns() throws Exception {
            String tag = "delayed-" + mode.http1;
            HttpResponse<String> sent = Http.post(ingress + "/Manageable/echo/send?delay=2s", "\"" + tag + "\"");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            String id = JSON.readTree(sent.body()).get("invocationId").textValue();
            assertThat(patch(id, "pause").statusCode()).as("not running (Restate 1.7.12: 409)").isEqualTo(409);
            assertThat(patch(id, "resume").statusCode()).as("not started yet").isEqualTo(425);
            assertThat(patch(id, "cancel").statusCode()).as("a scheduled invocation ends directly").isEqualTo(200);
            Thread.sleep(2500); // past its execution time
            assertThat(count("echo", tag)).isZero();
            assertThat(patch(id, "purge").statusCode()).isEqualTo(200);
        }

        @Test
        void killingARunningInvocationAnswersItsCallerAtOnce() throws Exception {
            CompletableFuture<HttpResponse<String>> caller = call("/Manageable/sleep", "{\"tag\":\"kill\",\"ms\":120000}");
            String id = idOf("sleep", "kill");
            assertThat(patch(id, "kill").statusCode()).isEqualTo(200);
            HttpResponse<String> answer = caller.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(answer.body()).get("message").textValue()).isEqualTo("killed");
        }

        @Test
        void aPausedInvocationWaitsUntilResumed() throws Exception {
            String tag = "pause-" + mode.http1;
            CompletableFuture<HttpResponse<String>> caller = call("/Manageable/flaky", "\"" + tag + "\"");
            String id = idOf("flaky", tag);
            assertThat(patch(id, "pause").statusCode()).isEqualTo(202);
            assertThat(patch(id, "pause").statusCode()).as("already paused").isEqualTo(200);
            Http.post(ingress + "/Manageable/fix", "\"" + tag + "\"");
            Thread.sleep(300); // an attempt that started before the pause has logged by now
            long attempts = count("flaky", tag);
            Thread.sleep(1500); // retries would have run by now (500 ms backoff) were it not paused
            assertThat(caller).isNotDone();
            assertThat(count("flaky", tag)).isEqualTo(attempts);

            assertThat(patch(id, "resume").statusCode()).isEqualTo(200);
            assertThat(caller.get(30, TimeUnit.SECONDS).body()).isEqualTo("\"fixed " + tag + "\"");
            assertThat(patch(id, "resume").statusCode()).isEqualTo(409);
        }

        @Test
        void exhaustedRetriesPauseAndResumeRunsANewAttempt() throws Exception {
            String tag = "exhausted-" + mode.http1;
            CompletableFuture<HttpResponse<String>> caller = call("/Pausing/flaky", "\"" + tag + "\"");
            String id = idOf("pausing", tag);
            Await.until(() -> count("pausing", tag) == 2, "two attempts");
            Thread.sleep(1000);
            assertThat(count("pausing", tag)).as("paused after max attempts").isEqualTo(2);
            assertThat(patch(id, "pause").statusCode()).as("it is paused").isEqualTo(200);

            assertThat(patch(id, "resume").statusCode()).isEqualTo(200);
            Await.until(() -> count("pausing", tag) == 4, "resumed: two more attempts, then paused again");
            Http.post(ingress + "/Manageable/fix", "\"" + tag + "\"");
            assertThat(patch(id, "resume?deployment=latest").statusCode()).isEqualTo(200);
            assertThat(caller.get(30, TimeUnit.SECONDS).body()).isEqualTo("\"fixed " + tag + "\"");
            assertThat(count("pausing", tag)).isEqualTo(5);
        }

        @Test
        void purgeRestartAndTheirConflicts() throws Exception {
            String tag = "purge-" + mode.http1;
            String running = sendId("/Manageable/sleep", "{\"tag\":\"" + tag + "-running\",\"ms\":120000}");
            HttpResponse<String> notCompleted = patch(running, "purge");
            assertThat(notCompleted.statusCode()).isEqualTo(409);
            assertThat(notCompleted.body()).contains("is not yet completed.");
            assertThat(patch(running, "restart-as-new").statusCode()).isEqualTo(409);

            String done = sendId("/Manageable/echo", "\"" + tag + "\"");
            Await.until(() -> patch(done, "purge-journal").statusCode() == 200, "completed");
            assertThat(patch(done, "restart-as-new").statusCode()).as("its input went with the journal").isEqualTo(410);

            String again = sendId("/Manageable/echo", "\"" + tag + "-again\"");
            Await.until(() -> count("echo", tag + "-again") == 1, "ran");
            HttpResponse<String> notAnIndex = patch(again, "restart-as-new?from=two");
            assertThat(notAnIndex.statusCode()).isEqualTo(400);
            AtomicReference<HttpResponse<String>> restarted = new AtomicReference<>();
            // 409 while it is still completing: the send's 202 comes before its end
            Await.until(() -> restarted.updateAndGet(r -> restart(again)).statusCode() != 409, "completed");
            assertThat(restarted.get().statusCode()).as(restarted.get().body()).isEqualTo(200);
            String newId = JSON.readTree(restarted.get().body()).get("new_invocation_id").textValue();
            assertThat(newId).startsWith("inv_").isNotEqualTo(again);
            assertThat(idOf("echo", tag + "-again", 1)).isEqualTo(newId);
            Await.until(() -> count("echo", tag + "-again") == 2, "the restarted invocation ran with the same input");

            assertThat(patch(again, "purge").statusCode()).isEqualTo(200);
            HttpResponse<String> gone = patch(again, "cancel");
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(gone.body()).get("message").textValue()).isEqualTo("The requested invocation '" + again + "' does not exist");
            assertThat(patch(again, "purge").statusCode()).isEqualTo(404);
            patch(running, "kill");
        }

        /** The journal copied up to the first ctx.run (entry 1) and its result: the new invocation runs only the second. */
        @Test
        void restartAsNewFromAJournalIndexReplaysTheCopiedPrefix() throws Exception {
            String tag = "steps-" + mode.http1;
            HttpResponse<String> first = Http.post(ingress + "/Manageable/steps", "\"" + tag + "\"");
            assertThat(first.body()).isEqualTo("\"ab\"");
            String id = idOf("step1", tag);
            HttpResponse<String> outOfRange = patch(id, "restart-as-new?from=99");
            assertThat(outOfRange.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(outOfRange.body()).get("message").textValue()).contains("out of range");

            HttpResponse<String> restarted = patch(id, "restart-as-new?from=1");
            assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(200);
            String newId = JSON.readTree(restarted.body()).get("new_invocation_id").textValue();
            assertThat(idOf("step2", tag, 1)).isEqualTo(newId);
            Await.until(() -> patch(newId, "purge").statusCode() == 200, "the restarted invocation completed");
            assertThat(count("step1", tag)).as("the copied step is replayed, not run again").isEqualTo(1);
        }

        @Test
        void malformedIdsBatchesAndTheDeprecatedDelete() throws Exception {
            HttpResponse<String> malformed = patch("inv_nope", "cancel");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(malformed.body()).get("message").textValue()).contains("inv_nope");

            String a = sendId("/Manageable/sleep", "{\"tag\":\"batch-a\",\"ms\":120000}");
            String b = sendId("/Manageable/sleep", "{\"tag\":\"batch-b\",\"ms\":120000}");
            HttpResponse<String> batch = Http.post(admin + "/internal/invocations_batch_operations/kill",
                    "{\"invocation_ids\":[\"" + a + "\",\"" + b + "\",\"inv_nope\"]}");
            assertThat(batch.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(batch.body());
            assertThat(body.get("succeeded")).hasSize(2);
            assertThat(body.get("failed").get(0).get("invocation_id").textValue()).isEqualTo("inv_nope");

            String c = sendId("/Manageable/sleep", "{\"tag\":\"delete-c\",\"ms\":120000}");
            assertThat(Http.send(HttpRequest.newBuilder(URI.create(admin + "/invocations/" + c + "?mode=kill")).DELETE().build()).statusCode())
                    .isEqualTo(202);
            assertThat(patch(c, "kill").statusCode()).isEqualTo(409);
        }

        private HttpResponse<String> restart(String id) {
            try {
                return patch(id, "restart-as-new");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private HttpResponse<String> patch(String id, String operation) throws Exception {
            return Http.patch(admin + "/v4/invocations/" + id + "/" + operation, null);
        }

        private CompletableFuture<HttpResponse<String>> call(String path, String json) {
            return Http.postAsync(ingress + path, json);
        }

        private String sendId(String path, String json) throws Exception {
            HttpResponse<String> sent = Http.post(ingress + path + "/send", json);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            return JSON.readTree(sent.body()).get("invocationId").textValue();
        }

        /** The id the handler logged when its first attempt for {@code tag} started. */
        private String idOf(String event, String tag) throws Exception {
            return idOf(event, tag, 0);
        }

        /** The id of the {@code n}th (from 0) invocation or attempt that logged {@code event tag}. */
        private String idOf(String event, String tag, int n) throws Exception {
            return Await.logged(execLog, event + " " + tag + " ", n);
        }

        private long count(String event, String tag) throws Exception {
            return Await.logged(execLog, event + " " + tag + " ").size();
        }
    }
}
