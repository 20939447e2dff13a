package dev.resolute.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One JSON object of a manifest with typed getters. On construction it refuses fields the object
 * does not have, and fields newer than the manifest's version; every getter names the object and the
 * field in its error, so a broken manifest says where it is broken.
 */
final class ManifestFields {
    /** Field name to the manifest version that introduced it, per object kind (endpoint_manifest_schema.json). */
    static final Map<String, Integer> TOP = fields(1, "protocolMode", "minProtocolVersion", "maxProtocolVersion", "services")
            .plus(4, "lambdaCompression").done();
    static final Map<String, Integer> SERVICE = fields(1, "name", "ty", "handlers")
            .plus(2, "documentation", "metadata")
            .plus(3, "inactivityTimeout", "abortTimeout", "journalRetention", "idempotencyRetention", "enableLazyState", "ingressPrivate")
            .plus(4, "retryPolicyInitialInterval", "retryPolicyMaxInterval", "retryPolicyMaxAttempts",
                    "retryPolicyExponentiationFactor", "retryPolicyOnMaxAttempts").done();
    static final Map<String, Integer> HANDLER = fields(1, "name", "ty", "input", "output")
            .plus(2, "documentation", "metadata")
            .plus(3, "inactivityTimeout", "abortTimeout", "journalRetention", "idempotencyRetention",
                    "workflowCompletionRetention", "enableLazyState", "ingressPrivate")
            .plus(4, "retryPolicyInitialInterval", "retryPolicyMaxInterval", "retryPolicyMaxAttempts",
                    "retryPolicyExponentiationFactor", "retryPolicyOnMaxAttempts").done();
    static final Map<String, Integer> INPUT = fields(1, "required", "contentType", "jsonSchema").done();
    static final Map<String, Integer> OUTPUT = fields(1, "contentType", "setContentTypeIfEmpty", "jsonSchema").done();

    private final JsonNode node;
    private final String where;

    ManifestFields(JsonNode node, String where, int version, Map<String, Integer> allowed) {
        if (!node.isObject()) {
            throw ManifestParser.bad("the " + where + " must be a JSON object, got " + kind(node));
        }
        this.node = node;
        this.where = where;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            Integer since = allowed.get(name);
            if (since == null) {
                throw ManifestParser.bad("the " + where + " has the unknown field `" + name + "`; expected one of "
                        + allowed.keySet().stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")));
            }
            if (since > version) {
                throw ManifestParser.bad("the " + where + " has the field `" + name + "`, which needs manifest v" + since
                        + " or newer, but the endpoint answered with v" + version);
            }
        }
    }

    /** The {@code name} of a service or handler object, checked against its pattern. */
    static String name(JsonNode node, String at, Pattern pattern, String what) {
        JsonNode name = node.isObject() ? node.get("name") : null;
        if (name == null || !name.isTextual()) {
            throw ManifestParser.bad("the manifest's " + at + " must be an object with a string `name`, got "
                    + (name == null ? kind(node) : "name " + kind(name)));
        }
        if (!pattern.matcher(name.textValue()).matches()) {
            throw ManifestParser.bad("the name of " + what + " '" + name.textValue() + "' (" + at + ") is not valid: it must match ^"
                    + pattern.pattern() + "$");
        }
        return name.textValue();
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    Optional<String> optionalString(String field) {
        return value(field).map(v -> {
            if (!v.isTextual()) {
                throw wrongType(field, "a string", v);
            }
            return v.textValue();
        });
    }

    Optional<Boolean> optionalBoolean(String field) {
        return value(field).map(v -> {
            if (!v.isBoolean()) {
                throw wrongType(field, "true or false", v);
            }
            return v.booleanValue();
        });
    }

    Optional<Long> optionalLong(String field, long min, long max) {
        return value(field).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
                throw wrongType(field, "an integer " + min + "-" + max, v);
            }
            return v.longValue();
        });
    }

    long requiredLong(String field, long min, long max) {
        return optionalLong(field, min, max).orElseThrow(() -> missing(field));
    }

    /** Manifest durations are integers of milliseconds. */
    Optional<Duration> optionalMillis(String field) {
        return optionalLong(field, 0, Long.MAX_VALUE).map(Duration::ofMillis);
    }

    Optional<Double> optionalDouble(String field) {
        return value(field).map(v -> {
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw wrongType(field, "a number", v);
            }
            return v.doubleValue();
        });
    }

    <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        return value(field).map(v -> {
            E[] constants = type.getEnumConstants();
            for (E constant : constants) {
                if (v.isTextual() && constant.name().equals(v.textValue())) {
                    return constant;
                }
            }
            throw wrongType(field, "one of " + Arrays.toString(constants), v);
        });
    }

    <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        return optionalEnum(field, type).orElseThrow(() -> missing(field));
    }

    List<JsonNode> requiredArray(String field) {
        JsonNode v = value(field).orElseThrow(() -> missing(field));
        if (!v.isArray()) {
            throw wrongType(field, "an array", v);
        }
        List<JsonNode> items = new ArrayList<>();
        v.forEach(items::add);
        return items;
    }

    Optional<JsonNode> optionalObject(String field) {
        return value(field).map(v -> {
            if (!v.isObject()) {
                throw wrongType(field, "an object", v);
            }
            return v;
        });
    }

    /** Any JSON value, as compact JSON text. */
    Optional<String> optionalJson(String field) {
        return value(field).map(JsonNode::toString);
    }

    Map<String, String> stringMap(String field) {
        Map<String, String> out = new TreeMap<>();
        optionalObject(field).ifPresent(map -> map.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw ManifestParser.bad("the " + where + " field `" + field + "` must map names to strings, but `"
                        + e.getKey() + "` is " + kind(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().textValue());
        }));
        return out;
    }

    private Optional<JsonNode> value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private RuntimeException missing(String field) {
        return ManifestParser.bad("the " + where + " has no `" + field + "`, which is required");
    }

    private RuntimeException wrongType(String field, String expected, JsonNode got) {
        return ManifestParser.bad("the " + where + " field `" + field + "` must be " + expected + ", got " + got);
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Builds a field table: each {@code plus} adds the fields a newer manifest version introduced. */
    private static Table fields(int version, String... names) {
        return new Table().plus(version, names);
    }

    private static final class Table {
        private final Map<String, Integer> map = new LinkedHashMap<>();

        Table plus(int version, String... names) {
            for (String name : names) {
                map.put(name, version);
            }
            return this;
        }

        Map<String, Integer> done() {
            return java.util.Collections.unmodifiableMap(map);
        }
    }
}
