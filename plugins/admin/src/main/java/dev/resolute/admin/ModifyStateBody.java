package dev.resolute.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a {@code ModifyServiceStateRequest} (restate-protocol.md §4.3): {@code object_key}, {@code new_state} whose
 * values are byte arrays as the CLI sends them (JSON arrays of 0-255) or strings taken as UTF-8, and an optional
 * {@code version}. Unknown fields ({@code scope}) are ignored; every problem is an {@link IllegalArgumentException}
 * naming the field, for a 400 answer.
 *
 * @param objectKey the object key or workflow id
 * @param newState  state key to value bytes
 * @param version   the state version the change is based on, if the caller wants it checked
 */
record ModifyStateBody(String objectKey, Map<String, byte[]> newState, Optional<String> version) {

    static ModifyStateBody parse(byte[] body) {
        JsonNode root = RegisterBody.json(body);
        if (!root.isObject()) {
            throw new IllegalArgumentException("The request body must be a JSON object, got " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        JsonNode key = root.get("object_key");
        if (key == null || !key.isTextual()) {
            throw RegisterBody.field("object_key", key == null ? "it is missing" : "it must be a string, got " + key);
        }
        JsonNode state = root.get("new_state");
        if (state == null || !state.isObject()) {
            throw RegisterBody.field("new_state", state == null ? "it is missing" : "it must be an object of state keys to values, got " + state);
        }
        Map<String, byte[]> newState = new TreeMap<>();
        state.properties().forEach(e -> newState.put(e.getKey(), bytes(e.getKey(), e.getValue())));
        JsonNode version = root.get("version");
        if (version != null && !version.isNull() && !version.isTextual()) {
            throw RegisterBody.field("version", "it must be a string, got " + version);
        }
        return new ModifyStateBody(key.textValue(), newState,
                Optional.ofNullable(version).filter(JsonNode::isTextual).map(JsonNode::textValue));
    }

    private static byte[] bytes(String stateKey, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().getBytes(StandardCharsets.UTF_8);
        }
        if (!value.isArray()) {
            throw RegisterBody.field("new_state", "the value of '" + stateKey + "' must be an array of bytes (0-255) or a string, got " + value);
        }
        byte[] out = new byte[value.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode b = value.get(i);
            if (!b.canConvertToInt() || !b.isIntegralNumber() || b.intValue() < 0 || b.intValue() > 255) {
                throw RegisterBody.field("new_state", "the value of '" + stateKey + "' holds " + b + " at index " + i + ", not a byte (0-255)");
            }
            out[i] = (byte) b.intValue();
        }
        return out;
    }
}
