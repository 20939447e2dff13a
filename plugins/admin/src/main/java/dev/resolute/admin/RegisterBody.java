package dev.resolute.admin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.spi.schema.RegisterRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a {@code RegisterDeploymentRequest} (restate-protocol.md §4.4). Unknown fields are ignored, as
 * Restate ignores them; every problem is an {@link IllegalArgumentException} whose message says which
 * field is wrong and why, for a 400 answer.
 */
final class RegisterBody {
    private RegisterBody() {
    }

    /**
     * @param apiVersion the admin API version of the route (0 when unversioned); {@code force} defaults to
     *                   true only on v2 (and v1, which we do not serve), as in Restate
     */
    static RegisterRequest parse(byte[] body, int apiVersion) {
        JsonNode root = json(body);
        if (!root.isObject()) {
            throw new IllegalArgumentException("The request body must be a JSON object with at least \"uri\", got " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (root.hasNonNull("arn")) {
            throw new IllegalArgumentException("Lambda deployments (\"arn\") are not supported by this server; register an HTTP endpoint with \"uri\"");
        }
        if (root.hasNonNull("auth")) {
            throw new IllegalArgumentException("The request field 'auth' is not supported by this server");
        }
        JsonNode uri = root.get("uri");
        if (uri == null || uri.isNull()) {
            throw new IllegalArgumentException("The request body must have the field \"uri\": the URL of the SDK endpoint, such as \"http://localhost:9080\"");
        }
        if (!uri.isTextual()) {
            throw field("uri", "it must be a string");
        }
        URI parsed;
        try {
            parsed = new URI(uri.textValue());
        } catch (URISyntaxException e) {
            throw field("uri", e.getMessage());
        }
        boolean force = optionalBoolean(root, "force", apiVersion == 2);
        return new RegisterRequest(parsed, stringMap(root, "additional_headers"), stringMap(root, "metadata"),
                optionalBoolean(root, "use_http_11", false), force, optionalBoolean(root, "breaking", false),
                optionalBoolean(root, "dry_run", false));
    }

    static JsonNode json(byte[] body) {
        if (body.length == 0) {
            throw new IllegalArgumentException("The request body is empty; expected a JSON object");
        }
        try {
            JsonNode node = AdminJson.JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("The request body is empty; expected a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("Failed to parse the request body as JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr()), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Failed to read the request body: " + e.getMessage(), e);
        }
    }

    private static boolean optionalBoolean(JsonNode root, String name, boolean fallback) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw field(name, "it must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    private static Map<String, String> stringMap(JsonNode root, String name) {
        Map<String, String> out = new TreeMap<>();
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw field(name, "it must be an object of string values, got " + v);
        }
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw field(name, "the value of '" + e.getKey() + "' must be a string, got " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().textValue());
        });
        return out;
    }

    static IllegalArgumentException field(String name, String reason) {
        return new IllegalArgumentException("The request field '" + name + "' is invalid. Reason: " + reason);
    }
}
