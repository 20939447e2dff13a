package dev.resolute.worker.introspection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.resolute.worker.protocol.pb.Failure;
import dev.resolute.worker.protocol.pb.FailureMetadata;
import dev.resolute.worker.protocol.pb.Header;
import java.util.List;

/**
 * The values inside Restate's journal model as serde writes them to JSON: enums externally tagged ({@code "Void"} for a
 * unit variant, {@code {"Success": …}} for one with a value), payloads ({@code Bytes}) as arrays of byte values,
 * keys and names ({@code ByteString}) as text.
 */
final class EntryJsonValues {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String VOID = "Void";

    private EntryJsonValues() {
    }

    /** A payload: serde writes {@code Bytes} as a sequence of its bytes' unsigned values. */
    static ArrayNode bytes(ByteString payload) {
        ArrayNode array = NODES.arrayNode(payload.size());
        for (int i = 0; i < payload.size(); i++) {
            array.add(payload.byteAt(i) & 0xFF);
        }
        return array;
    }

    /** {@code {"Success": [bytes]}}. */
    static ObjectNode success(ByteString payload) {
        return tagged("Success", bytes(payload));
    }

    /** {@code {"Failure": {"code": …, "message": …, "metadata": […]}}}, the metadata only when there is some. */
    static ObjectNode failure(Failure failure) {
        ObjectNode body = NODES.objectNode().put("code", failure.getCode()).put("message", failure.getMessage());
        if (failure.getMetadataCount() > 0) {
            ArrayNode metadata = body.putArray("metadata");
            for (FailureMetadata entry : failure.getMetadataList()) {
                metadata.addObject().put("key", entry.getKey()).put("value", entry.getValue());
            }
        }
        return tagged("Failure", body);
    }

    /** An externally tagged enum variant with a value: {@code {"Variant": value}}. */
    static ObjectNode tagged(String variant, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        node.set(variant, value);
        return node;
    }

    /** A unit enum variant, which serde writes as its name. */
    static JsonNode unit(String variant) {
        return NODES.textNode(variant);
    }

    /** The model's {@code Header}s: name and value. */
    static ArrayNode headers(List<Header> headers) {
        ArrayNode array = NODES.arrayNode(headers.size());
        for (Header header : headers) {
            array.addObject().put("name", header.getKey()).put("value", header.getValue());
        }
        return array;
    }

    /** State keys, which the protocol carries as bytes and the model as text. */
    static ArrayNode keys(List<ByteString> keys) {
        ArrayNode array = NODES.arrayNode(keys.size());
        keys.forEach(key -> array.add(key.toStringUtf8()));
        return array;
    }

    /** A {@code std::time::Duration}: serde writes seconds and the nanoseconds beyond them. */
    static ObjectNode duration(long millis) {
        return NODES.objectNode().put("secs", millis / 1000).put("nanos", (millis % 1000) * 1_000_000);
    }

    /** A protocol message type's name ({@code GET_LAZY_STATE}) as the model's variant ({@code GetLazyState}). */
    static String variant(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String word : upperSnake.split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }
}
