package dev.resolute.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.spi.Durations;
import dev.resolute.spi.schema.ServiceChange;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a {@code ModifyServiceRequest} (restate-protocol.md §4.3): optional {@code public} and durations
 * as strings in Restate's friendly or ISO-8601 form. Unknown fields are ignored, as Restate does; every
 * problem is an {@link IllegalArgumentException} naming the field, for a 400 answer.
 */
final class ModifyServiceBody {
    private ModifyServiceBody() {
    }

    static ServiceChange parse(byte[] body) {
        JsonNode root = RegisterBody.json(body);
        if (!root.isObject()) {
            throw new IllegalArgumentException("The request body must be a JSON object, got " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        Optional<Boolean> isPublic = Optional.ofNullable(root.get("public")).filter(v -> !v.isNull()).map(v -> {
            if (!v.isBoolean()) {
                throw RegisterBody.field("public", "it must be true or false, got " + v);
            }
            return v.booleanValue();
        });
        return new ServiceChange(isPublic, duration(root, "idempotency_retention"), duration(root, "workflow_completion_retention"),
                duration(root, "journal_retention"), duration(root, "inactivity_timeout"), duration(root, "abort_timeout"));
    }

    private static Optional<Duration> duration(JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw RegisterBody.field(name, "it must be a duration string such as \"1d\" or \"PT5H\", got " + v);
        }
        try {
            return Optional.of(Durations.parse(v.textValue()));
        } catch (IllegalArgumentException e) {
            throw RegisterBody.field(name, "\"" + v.textValue() + "\" is not a duration: " + e.getMessage());
        }
    }
}
