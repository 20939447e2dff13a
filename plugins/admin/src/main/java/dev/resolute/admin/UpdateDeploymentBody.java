package dev.resolute.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.spi.schema.DeploymentUpdate;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads an {@code UpdateDeploymentRequest} (restate-protocol.md §4.3), HTTP variant. Unknown fields are
 * ignored, as Restate does; every problem is an {@link IllegalArgumentException} naming the field.
 */
final class UpdateDeploymentBody {
    private UpdateDeploymentBody() {
    }

    static DeploymentUpdate parse(byte[] body) {
        JsonNode root = RegisterBody.json(body);
        if (!root.isObject()) {
            throw new IllegalArgumentException("The request body must be a JSON object, got " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (root.hasNonNull("arn") || root.hasNonNull("assume_role_arn")) {
            throw new IllegalArgumentException("Lambda deployments (\"arn\") are not supported by this server; update an HTTP endpoint with \"uri\"");
        }
        Optional<URI> uri = present(root, "uri").map(v -> {
            if (!v.isTextual()) {
                throw RegisterBody.field("uri", "it must be a string");
            }
            try {
                return new URI(v.textValue());
            } catch (URISyntaxException e) {
                throw RegisterBody.field("uri", e.getMessage());
            }
        });
        Optional<Map<String, String>> headers = present(root, "additional_headers").map(v -> {
            if (!v.isObject()) {
                throw RegisterBody.field("additional_headers", "it must be an object of string values, got " + v);
            }
            Map<String, String> out = new TreeMap<>();
            v.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw RegisterBody.field("additional_headers", "the value of '" + e.getKey() + "' must be a string, got " + e.getValue());
                }
                out.put(e.getKey(), e.getValue().textValue());
            });
            return out;
        });
        return new DeploymentUpdate(uri, headers, present(root, "use_http_11").map(v -> bool(v, "use_http_11")),
                present(root, "overwrite").map(v -> bool(v, "overwrite")).orElse(false),
                present(root, "dry_run").map(v -> bool(v, "dry_run")).orElse(false));
    }

    private static Optional<JsonNode> present(JsonNode root, String name) {
        return Optional.ofNullable(root.get(name)).filter(v -> !v.isNull());
    }

    private static boolean bool(JsonNode v, String name) {
        if (!v.isBoolean()) {
            throw RegisterBody.field(name, "it must be true or false, got " + v);
        }
        return v.booleanValue();
    }
}
