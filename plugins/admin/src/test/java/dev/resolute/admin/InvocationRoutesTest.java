package dev.resolute.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.spi.invocation.ControlResult;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.invocation.InvocationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shapes and statuses of the admin API's invocation management (restate-protocol.md §4.3) over an
 * {@link InvocationControl} that answers what each test scripts: which operation each route calls with which
 * arguments, and how each result becomes a status and a body. The engine's side runs in InvocationManagementIT.
 */
class InvocationRoutesTest {
    private static final String ID = "inv_1gdJBtdVEcM942bjcDmb1c1khoaJe11Hbz";
    private static final String OTHER = "inv_1gdJBtdVEcM942bjcDmb1c1khoaJe11Hbq";

    @TempDir
    Path dir;

    private final ScriptedControl control = new ScriptedControl();
    private AdminNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private AdminClient admin() throws Exception {
        node = AdminNode.start(dir, control);
        return new AdminClient(node.url());
    }

    @Test
    void eachOperationAnswersItsResultAsRestateDoes() throws Exception {
        AdminClient admin = admin();
        Map<ControlResult.Kind, Integer> statuses = Map.of(ControlResult.Kind.DONE, 200, ControlResult.Kind.ACCEPTED, 202,
                ControlResult.Kind.INVALID, 400, ControlResult.Kind.NOT_FOUND, 404, ControlResult.Kind.CONFLICT, 409,
                ControlResult.Kind.GONE, 410, ControlResult.Kind.UNSUPPORTED, 422, ControlResult.Kind.NOT_STARTED, 425);
        for (String operation : List.of("cancel", "kill", "pause", "resume", "purge", "purge-journal")) {
            for (var expected : statuses.entrySet()) {
                control.next = ControlResult.of(expected.getKey(), expected.getKey() == ControlResult.Kind.DONE
                        || expected.getKey() == ControlResult.Kind.ACCEPTED ? "" : "because " + expected.getKey());
                AdminClient.Reply reply = admin.send("PATCH", "/v4/invocations/" + ID + "/" + operation, "");
                assertThat(reply.status()).as(operation + " " + expected.getKey()).isEqualTo(expected.getValue());
                if (expected.getValue() >= 300) {
                    JsonNode error = reply.json();
                    assertThat(error.get("message").textValue()).isEqualTo("because " + expected.getKey());
                    assertThat(error.get("restate_code").isNull()).isTrue();
                } else {
                    assertThat(reply.body()).isEmpty();
                }
                assertThat(control.calls.remove(0)).isEqualTo(new Call(operation.equals("purge-journal") ? "purgeJournal" : operation, ID,
                        operation.equals("resume") ? "keep" : ""));
            }
        }
    }

    @Test
    void resumeAndRestartPassTheDeploymentAndRestartAnswersTheNewId() throws Exception {
        AdminClient admin = admin();
        control.next = ControlResult.of(ControlResult.Kind.DONE, "");
        assertThat(admin.send("PATCH", "/invocations/" + ID + "/resume?deployment=latest", "").status()).isEqualTo(200);
        assertThat(control.calls).containsExactly(new Call("resume", ID, "latest"));
        control.calls.clear();

        control.next = new ControlResult(ControlResult.Kind.DONE, "", Optional.of(OTHER));
        AdminClient.Reply restarted = admin.send("PATCH", "/invocations/" + ID + "/restart-as-new?from=0&deployment=dp_14LsPzJ2HwKpRsdBqnNcLx3", "");
        assertThat(restarted.status()).isEqualTo(200);
        assertThat(restarted.json().get("new_invocation_id").textValue()).isEqualTo(OTHER);
        assertThat(control.calls).containsExactly(new Call("restartAsNew", ID, "0 dp_14LsPzJ2HwKpRsdBqnNcLx3"));
        control.calls.clear();

        assertThat(admin.send("PATCH", "/invocations/" + ID + "/restart-as-new?from=3", "").status()).isEqualTo(200);
        assertThat(control.calls).containsExactly(new Call("restartAsNew", ID, "3 keep"));
        control.calls.clear();
        AdminClient.Reply badFrom = admin.send("PATCH", "/invocations/" + ID + "/restart-as-new?from=three", "");
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.json().get("message").textValue()).contains("'from'").contains("three");
        assertThat(control.calls).as("refused before reaching the engine").isEmpty();
    }

    @Test
    void theDeprecatedDeleteAnswers202ForEachMode() throws Exception {
        AdminClient admin = admin();
        control.next = ControlResult.of(ControlResult.Kind.ACCEPTED, "");
        assertThat(admin.delete("/invocations/" + ID).status()).isEqualTo(202);
        control.next = ControlResult.of(ControlResult.Kind.DONE, "");
        assertThat(admin.delete("/invocations/" + ID + "?mode=kill").status()).isEqualTo(202);
        assertThat(admin.delete("/invocations/" + ID + "?mode=purge").status()).isEqualTo(202);
        assertThat(control.calls).extracting(Call::operation).containsExactly("cancel", "kill", "purge");
        control.next = ControlResult.of(ControlResult.Kind.CONFLICT, "The invocation '" + ID + "' was already completed.");
        assertThat(admin.delete("/invocations/" + ID + "?mode=kill").status()).isEqualTo(409);
        assertThat(admin.delete("/invocations/" + ID + "?mode=explode").status()).isEqualTo(400);
    }

    @Test
    void batchOperationsListWhatSucceededAndWhatFailedWithWhy() throws Exception {
        AdminClient admin = admin();
        control.byId.put(ID, ControlResult.of(ControlResult.Kind.DONE, ""));
        control.byId.put(OTHER, ControlResult.of(ControlResult.Kind.NOT_FOUND, "The requested invocation '" + OTHER + "' does not exist"));
        AdminClient.Reply reply = admin.post("/internal/invocations_batch_operations/kill", "{\"invocation_ids\":[\"" + ID + "\",\"" + OTHER + "\"]}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("succeeded").get(0).textValue()).isEqualTo(ID);
        assertThat(reply.json().get("succeeded").size()).isEqualTo(1);
        assertThat(reply.json().get("failed").get(0).get("invocation_id").textValue()).isEqualTo(OTHER);
        assertThat(reply.json().get("failed").get(0).get("error").textValue()).isEqualTo("Invocation '" + OTHER + "' not found");

        control.byId.put(ID, new ControlResult(ControlResult.Kind.DONE, "", Optional.of(OTHER)));
        AdminClient.Reply restarted = admin.post("/internal/invocations_batch_operations/restart-as-new", "{\"invocation_ids\":[\"" + ID + "\"]}");
        assertThat(restarted.json().get("succeeded").get(0).get("old_invocation_id").textValue()).isEqualTo(ID);
        assertThat(restarted.json().get("succeeded").get(0).get("new_invocation_id").textValue()).isEqualTo(OTHER);
        assertThat(admin.post("/internal/invocations_batch_operations/kill", "{\"ids\":[]}").status()).isEqualTo(400);
        assertThat(admin.post("/internal/invocations_batch_operations/explode", "{\"invocation_ids\":[]}").status()).isEqualTo(404);
    }

    @Test
    void unknownOperationsMethodsAndAnUnavailableEngineAnswerJsonErrors() throws Exception {
        AdminClient admin = admin();
        assertThat(admin.send("PATCH", "/invocations/" + ID + "/explode", "").status()).isEqualTo(404);
        AdminClient.Reply get = admin.get("/invocations/" + ID + "/cancel");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).contains("PATCH");
        control.failure = new InvocationException(InvocationException.Kind.UNAVAILABLE, "partition 3 stopped");
        AdminClient.Reply unavailable = admin.send("PATCH", "/invocations/" + ID + "/kill", "");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.json().get("message").textValue()).contains("partition 3 stopped");
    }

    @Test
    void aNodeWithoutAWorkerRefusesBatchOperationsWith503() throws Exception {
        node = AdminNode.start(dir, Optional.empty());
        AdminClient.Reply reply = new AdminClient(node.url()).post("/internal/invocations_batch_operations/cancel", "{\"invocation_ids\":[]}");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().get("message").textValue()).contains("No worker runs on this node");
    }

    private record Call(String operation, String invocationId, String deployment) {
    }

    /** Answers {@link #byId}'s result for an id, else {@link #next}, and records every call. */
    private static final class ScriptedControl implements InvocationControl {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final Map<String, ControlResult> byId = new java.util.concurrent.ConcurrentHashMap<>();
        volatile ControlResult next = ControlResult.of(ControlResult.Kind.DONE, "");
        volatile InvocationException failure;

        private CompletableFuture<ControlResult> answer(String operation, String id, String deployment) {
            calls.add(new Call(operation, id, deployment));
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            return CompletableFuture.completedFuture(byId.getOrDefault(id, next));
        }

        @Override
        public CompletableFuture<ControlResult> cancel(String invocationId) {
            return answer("cancel", invocationId, "");
        }

        @Override
        public CompletableFuture<ControlResult> kill(String invocationId) {
            return answer("kill", invocationId, "");
        }

        @Override
        public CompletableFuture<ControlResult> pause(String invocationId) {
            return answer("pause", invocationId, "");
        }

        @Override
        public CompletableFuture<ControlResult> resume(String invocationId, String deployment) {
            return answer("resume", invocationId, deployment);
        }

        @Override
        public CompletableFuture<ControlResult> restartAsNew(String invocationId, int from, String deployment) {
            return answer("restartAsNew", invocationId, from + " " + deployment);
        }

        @Override
        public CompletableFuture<ControlResult> purge(String invocationId) {
            return answer("purge", invocationId, "");
        }

        @Override
        public CompletableFuture<ControlResult> purgeJournal(String invocationId) {
            return answer("purgeJournal", invocationId, "");
        }
    }
}
