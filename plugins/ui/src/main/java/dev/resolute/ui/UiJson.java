package dev.resolute.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The API's one Jackson mapper and the small JSON shapes it shares. */
final class UiJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private UiJson() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode message(String message) {
        return object().put("message", message);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
