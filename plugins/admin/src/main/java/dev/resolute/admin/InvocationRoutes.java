package dev.resolute.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.invocation.ControlResult;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.invocation.InvocationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * The admin API's invocation management (restate-protocol.md §4.3): {@code PATCH /invocations/{id}/{operation}}, the
 * deprecated {@code DELETE /invocations/{id}?mode=…} and {@code POST /internal/invocations_batch_operations/{operation}},
 * over the worker's {@link InvocationControl}. Statuses as Restate's: 200 done, 202 under way, 400 a malformed id or
 * request, 404 unknown, 409 completed or still running, 410 input gone, 422 unsupported, 425 not started yet.
 */
final class InvocationRoutes {
    /** An answer: the status and a JSON body (empty: none). */
    record Answer(int status, byte[] body) {
        static Answer error(int status, String message) {
            return new Answer(status, AdminJson.error(status, message, Optional.empty()).body());
        }
    }

    private static final long WAIT_SECONDS = 60;
    private static final List<String> MODES = List.of("cancel", "kill", "purge");

    /** Each operation by its route name: the invocation id and the request's parameters to its result. */
    private final Map<String, BiFunction<String, Map<String, String>, CompletableFuture<ControlResult>>> operations;

    InvocationRoutes(InvocationControl control) {
        this.operations = Map.of(
                "cancel", (id, query) -> control.cancel(id),
                "kill", (id, query) -> control.kill(id),
                "pause", (id, query) -> control.pause(id),
                "resume", (id, query) -> control.resume(id, query.getOrDefault("deployment", "keep")),
                "restart-as-new", (id, query) -> control.restartAsNew(id, Integer.parseInt(query.getOrDefault("from", "0")),
                        query.getOrDefault("deployment", "keep")),
                "purge", (id, query) -> control.purge(id),
                "purge-journal", (id, query) -> control.purgeJournal(id));
    }

    /** The operations {@code PATCH /invocations/{id}/{operation}} and the batch route know. */
    static List<String> operationNames() {
        return List.of("cancel", "kill", "pause", "resume", "restart-as-new", "purge", "purge-journal");
    }

    /** {@code PATCH /invocations/{id}/{operation}?…}. */
    Answer patch(String id, String operation, Map<String, String> query) {
        String from = query.getOrDefault("from", "0");
        if (!from.matches("\\d{1,9}")) {
            return Answer.error(400, "The request field 'from' is invalid. Reason: '" + from + "' is not a journal index");
        }
        ControlResult result = await(operations.get(operation).apply(id, query));
        if (result.kind() == ControlResult.Kind.DONE && result.newInvocationId().isPresent()) {
            ObjectNode body = AdminJson.JSON.createObjectNode().put("new_invocation_id", result.newInvocationId().get());
            return new Answer(200, AdminJson.bytes(body));
        }
        return answer(result);
    }

    /** The deprecated {@code DELETE /invocations/{id}?mode=cancel|kill|purge} (default cancel): 202 when done or under way. */
    Answer delete(String id, Optional<String> mode) {
        String m = mode.orElse("cancel");
        if (!MODES.contains(m)) {
            return Answer.error(400, "The request field 'mode' is invalid. Reason: '" + m + "' is not one of " + MODES);
        }
        ControlResult result = await(operations.get(m).apply(id, Map.of()));
        return result.kind() == ControlResult.Kind.DONE || result.kind() == ControlResult.Kind.ACCEPTED ? new Answer(202, new byte[0]) : answer(result);
    }

    /**
     * {@code POST /internal/invocations_batch_operations/{operation}} with {@code {"invocation_ids":[…]}} (and
     * {@code deployment} for resume and restart-as-new): each id on its own, all at once. Answers as Restate 1.7.12:
     * {@code succeeded} lists ids (restart-as-new: {@code {"old_invocation_id","new_invocation_id"}}), {@code failed}
     * the others with why. Unlike Restate, which refuses the whole request (422) when an id does not parse, a malformed
     * id is one failed entry.
     */
    Answer batch(String operation, byte[] body) {
        JsonNode request;
        try {
            request = AdminJson.JSON.readTree(body);
        } catch (IOException e) {
            return Answer.error(400, "Failed to parse the request body as JSON: " + e.getMessage());
        }
        JsonNode ids = request == null ? null : request.get("invocation_ids");
        if (ids == null || !ids.isArray()) {
            return Answer.error(400, "The request body must be {\"invocation_ids\": [\"inv_…\", …]}");
        }
        Map<String, String> query = request.hasNonNull("deployment") ? Map.of("deployment", request.get("deployment").asText()) : Map.of();
        List<String> names = new ArrayList<>();
        List<CompletableFuture<ControlResult>> results = new ArrayList<>();
        for (JsonNode id : ids) {
            names.add(id.asText());
            results.add(operations.get(operation).apply(id.asText(), query));
        }
        ArrayNode succeeded = AdminJson.JSON.createArrayNode();
        ArrayNode failed = AdminJson.JSON.createArrayNode();
        for (int i = 0; i < names.size(); i++) {
            ControlResult result = await(results.get(i));
            String id = names.get(i);
            if (result.newInvocationId().isPresent()) {
                succeeded.addObject().put("old_invocation_id", id).put("new_invocation_id", result.newInvocationId().get());
            } else if (result.kind() == ControlResult.Kind.DONE || result.kind() == ControlResult.Kind.ACCEPTED) {
                succeeded.add(id);
            } else {
                failed.addObject().put("invocation_id", id)
                        .put("error", result.kind() == ControlResult.Kind.NOT_FOUND ? "Invocation '" + id + "' not found" : result.message());
            }
        }
        ObjectNode answer = AdminJson.JSON.createObjectNode();
        answer.set("succeeded", succeeded);
        answer.set("failed", failed);
        return new Answer(200, AdminJson.bytes(answer));
    }

    private static Answer answer(ControlResult result) {
        int status = switch (result.kind()) {
            case DONE -> 200;
            case ACCEPTED -> 202;
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
            case UNSUPPORTED -> 422;
            case NOT_STARTED -> 425;
        };
        return status < 300 ? new Answer(status, new byte[0]) : Answer.error(status, result.message());
    }

    private static ControlResult await(CompletableFuture<ControlResult> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvocationException ie) {
                throw new Unavailable(ie.getMessage());
            }
            throw new IllegalStateException("invocation management failed", e.getCause());
        } catch (TimeoutException e) {
            throw new Unavailable("the engine did not answer within " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the engine");
        }
    }

    /** The engine could not take the operation now: a 503 with the reason. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }
}
