package dev.resolute.worker.introspection;

import static dev.resolute.worker.introspection.EntryJsonValues.NODES;
import static dev.resolute.worker.introspection.EntryJsonValues.tagged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code sys_journal.entry_lite_json}: Restate's lite journal model, which names an entry's keys, ids and targets and
 * only the kind of its results ({@code "Success"}, {@code "Failure"}, {@code "Void"}), never payloads. Derived from the
 * full model's tree ({@link CommandJson}, {@link NotificationJson}), so both always agree.
 */
final class EntryLiteJson {
    /** The fields each lite command keeps, in the lite model's order; a result keeps only its variant's name. */
    private static final Map<String, List<String>> COMMAND_FIELDS = Map.ofEntries(
            Map.entry("Input", List.of()), Map.entry("Output", List.of("result")),
            Map.entry("GetLazyState", List.of("key", "completion_id")), Map.entry("SetState", List.of("key")),
            Map.entry("ClearState", List.of("key")), Map.entry("ClearAllState", List.of()),
            Map.entry("GetLazyStateKeys", List.of("completion_id")), Map.entry("GetEagerState", List.of("key", "result")),
            Map.entry("GetEagerStateKeys", List.of()), Map.entry("GetPromise", List.of("key", "completion_id")),
            Map.entry("PeekPromise", List.of("key", "completion_id")), Map.entry("CompletePromise", List.of("key", "completion_id")),
            Map.entry("Sleep", List.of("wake_up_time", "completion_id", "name")),
            Map.entry("Call", List.of("invocation_id", "invocation_target", "invocation_id_completion_id", "result_completion_id", "name")),
            Map.entry("OneWayCall", List.of("invocation_id", "invocation_target", "invoke_time", "invocation_id_completion_id", "name")),
            Map.entry("SendSignal", List.of("target_invocation_id", "signal_id", "result")),
            Map.entry("Run", List.of("completion_id", "name")),
            Map.entry("AttachInvocation", List.of("target", "completion_id")),
            Map.entry("GetInvocationOutput", List.of("target", "completion_id")),
            Map.entry("CompleteAwakeable", List.of("id", "result")));

    private EntryLiteJson() {
    }

    /** The lite form of a full entry tree ({@code {"Command": …}} or {@code {"Notification": …}}). */
    static JsonNode of(JsonNode full) {
        return full.has("Command") ? tagged("Command", command(full.get("Command"))) : tagged("Notification", notification(full.get("Notification")));
    }

    private static ObjectNode command(JsonNode tagged) {
        String variant = tagged.fieldNames().next();
        JsonNode body = tagged.get(variant);
        JsonNode request = body.path("request"); // a call's id and target sit in its request in the full model
        ObjectNode lite = NODES.objectNode();
        for (String field : COMMAND_FIELDS.get(variant)) {
            JsonNode value = body.has(field) ? body.get(field) : request.get(field);
            if (field.equals("result")) {
                lite.put(field, resultKind(value));
            } else if (field.equals("name")) {
                if (!value.asText().isEmpty()) {
                    lite.set(field, value); // the lite model leaves an empty name out
                }
            } else {
                lite.set(field, value);
            }
        }
        return tagged(variant, lite);
    }

    /** {@code {"ty": {"Completion": "Sleep"}, "id": {"CompletionId": 1}, "result": "Void"}}, or a signal's. */
    private static ObjectNode notification(JsonNode tagged) {
        ObjectNode lite = NODES.objectNode();
        if (tagged.has("Signal")) {
            JsonNode signal = tagged.get("Signal");
            lite.put("ty", "Signal");
            JsonNode id = signal.get("id");
            lite.set("id", id.has("Name") ? tagged("SignalName", id.get("Name")) : tagged("SignalIndex", id.get("Index")));
            lite.put("result", resultKind(signal.get("result")));
            return lite;
        }
        JsonNode completions = tagged.get("Completion");
        String variant = completions.fieldNames().next();
        JsonNode body = completions.get(variant);
        lite.set("ty", tagged("Completion", NODES.textNode(variant)));
        lite.set("id", tagged("CompletionId", body.get("completion_id")));
        lite.put("result", body.has("result") ? resultKind(body.get("result"))
                : body.has("state_keys") ? "StateKeys" : body.has("invocation_id") ? "InvocationId" : "Void");
        return lite;
    }

    /** A result's variant: {@code "Void"} as it is, {@code {"Success": …}} as {@code "Success"}. */
    private static String resultKind(JsonNode result) {
        return result.isTextual() ? result.asText() : result.fieldNames().next();
    }
}
