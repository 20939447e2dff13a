package dev.resolute.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.HandlerType;
import dev.resolute.spi.schema.HttpVersion;
import dev.resolute.spi.schema.InputRules;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.OnMaxAttempts;
import dev.resolute.spi.schema.OutputRules;
import dev.resolute.spi.schema.ProtocolMode;
import dev.resolute.spi.schema.RetryOverrides;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceChange;
import dev.resolute.spi.schema.ServiceType;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How a deployment is stored: one JSON document per deployment, with its service revisions inside.
 * Field names are our own (not the admin API's), durations are milliseconds, and {@code "format"}
 * versions the layout so a later release can read what this one wrote. A service change
 * ({@code PATCH /services/{name}}) is its own small document beside them, in the same style.
 */
final class SchemaCodec {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaCodec() {
    }

    static byte[] encode(Deployment d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("id", d.id());
        o.put("uri", d.uri().toString());
        o.put("httpVersion", d.httpVersion().name());
        o.put("protocolMode", d.protocolMode().name());
        o.put("minProtocolVersion", d.minProtocolVersion());
        o.put("maxProtocolVersion", d.maxProtocolVersion());
        o.set("additionalHeaders", map(d.additionalHeaders()));
        o.set("metadata", map(d.metadata()));
        d.sdkVersion().ifPresent(v -> o.put("sdkVersion", v));
        o.put("createdAt", d.createdAt().toString());
        ArrayNode services = o.putArray("services");
        d.services().forEach(s -> services.add(service(s)));
        return write(o, "deployment " + d.id());
    }

    /** @throws IllegalArgumentException if the bytes are not a deployment this release can read */
    static Deployment decode(byte[] bytes) {
        JsonNode o = readStored(bytes);
        List<Service> services = new ArrayList<>();
        o.get("services").forEach(s -> services.add(service(s, text(o, "id"))));
        return new Deployment(text(o, "id"), URI.create(text(o, "uri")), HttpVersion.valueOf(text(o, "httpVersion")),
                ProtocolMode.valueOf(text(o, "protocolMode")), o.get("minProtocolVersion").intValue(),
                o.get("maxProtocolVersion").intValue(), map(o.get("additionalHeaders")), map(o.get("metadata")),
                optional(o, "sdkVersion", JsonNode::textValue), Instant.parse(text(o, "createdAt")), services);
    }

    static byte[] encodeChange(ServiceChange c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        c.isPublic().ifPresent(v -> o.put("public", v));
        c.idempotencyRetention().ifPresent(d -> o.put("idempotencyRetention", d.toMillis()));
        c.workflowCompletionRetention().ifPresent(d -> o.put("workflowCompletionRetention", d.toMillis()));
        c.journalRetention().ifPresent(d -> o.put("journalRetention", d.toMillis()));
        c.inactivityTimeout().ifPresent(d -> o.put("inactivityTimeout", d.toMillis()));
        c.abortTimeout().ifPresent(d -> o.put("abortTimeout", d.toMillis()));
        return write(o, "a service change");
    }

    /** @throws IllegalArgumentException if the bytes are not a service change this release can read */
    static ServiceChange decodeChange(byte[] bytes) {
        JsonNode o = readStored(bytes);
        Function<JsonNode, Duration> millis = n -> Duration.ofMillis(n.longValue());
        return new ServiceChange(optional(o, "public", JsonNode::booleanValue), optional(o, "idempotencyRetention", millis),
                optional(o, "workflowCompletionRetention", millis), optional(o, "journalRetention", millis),
                optional(o, "inactivityTimeout", millis), optional(o, "abortTimeout", millis));
    }

    /** A stored document: JSON in the format this release writes. */
    private static JsonNode readStored(byte[] bytes) {
        JsonNode o;
        try {
            o = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        int format = o.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IllegalArgumentException("stored format " + format + ", this release reads format " + FORMAT);
        }
        return o;
    }

    private static byte[] write(ObjectNode o, String what) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + what, e);
        }
    }

    private static ObjectNode service(Service s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", s.name());
        o.put("type", s.type().name());
        o.put("revision", s.revision());
        o.put("public", s.isPublic());
        s.documentation().ifPresent(v -> o.put("documentation", v));
        o.set("metadata", map(s.metadata()));
        o.set("options", options(s.options()));
        ArrayNode handlers = o.putArray("handlers");
        for (Handler h : s.handlers()) {
            ObjectNode ho = handlers.addObject();
            ho.put("name", h.name());
            ho.put("type", h.type().name());
            ho.put("public", h.isPublic());
            ObjectNode in = ho.putObject("input");
            in.put("required", h.input().required());
            h.input().contentType().ifPresent(v -> in.put("contentType", v));
            h.input().jsonSchema().ifPresent(v -> in.put("jsonSchema", v));
            ObjectNode out = ho.putObject("output");
            h.output().contentType().ifPresent(v -> out.put("contentType", v));
            out.put("setContentTypeIfEmpty", h.output().setContentTypeIfEmpty());
            h.output().jsonSchema().ifPresent(v -> out.put("jsonSchema", v));
            h.documentation().ifPresent(v -> ho.put("documentation", v));
            ho.set("metadata", map(h.metadata()));
            ho.set("options", options(h.options()));
        }
        return o;
    }

    private static Service service(JsonNode o, String deploymentId) {
        List<Handler> handlers = new ArrayList<>();
        o.get("handlers").forEach(h -> {
            JsonNode in = h.get("input");
            JsonNode out = h.get("output");
            handlers.add(new Handler(text(h, "name"), HandlerType.valueOf(text(h, "type")), h.get("public").booleanValue(),
                    new InputRules(in.get("required").booleanValue(), optional(in, "contentType", JsonNode::textValue),
                            optional(in, "jsonSchema", JsonNode::textValue)),
                    new OutputRules(optional(out, "contentType", JsonNode::textValue), out.get("setContentTypeIfEmpty").booleanValue(),
                            optional(out, "jsonSchema", JsonNode::textValue)),
                    optional(h, "documentation", JsonNode::textValue), map(h.get("metadata")), options(h.get("options"))));
        });
        return new Service(text(o, "name"), ServiceType.valueOf(text(o, "type")), o.get("revision").intValue(), deploymentId,
                o.get("public").booleanValue(), handlers, optional(o, "documentation", JsonNode::textValue),
                map(o.get("metadata")), options(o.get("options")));
    }

    private static ObjectNode options(InvocationOptions opts) {
        ObjectNode o = JSON.createObjectNode();
        opts.inactivityTimeout().ifPresent(d -> o.put("inactivityTimeout", d.toMillis()));
        opts.abortTimeout().ifPresent(d -> o.put("abortTimeout", d.toMillis()));
        opts.idempotencyRetention().ifPresent(d -> o.put("idempotencyRetention", d.toMillis()));
        opts.journalRetention().ifPresent(d -> o.put("journalRetention", d.toMillis()));
        opts.workflowCompletionRetention().ifPresent(d -> o.put("workflowCompletionRetention", d.toMillis()));
        opts.enableLazyState().ifPresent(b -> o.put("enableLazyState", b));
        RetryOverrides r = opts.retry();
        r.initialInterval().ifPresent(d -> o.put("retryInitialInterval", d.toMillis()));
        r.exponentiationFactor().ifPresent(f -> o.put("retryExponentiationFactor", f));
        r.maxAttempts().ifPresent(n -> o.put("retryMaxAttempts", n));
        r.maxInterval().ifPresent(d -> o.put("retryMaxInterval", d.toMillis()));
        r.onMaxAttempts().ifPresent(a -> o.put("retryOnMaxAttempts", a.name()));
        return o;
    }

    private static InvocationOptions options(JsonNode o) {
        Function<JsonNode, Duration> millis = n -> Duration.ofMillis(n.longValue());
        return new InvocationOptions(optional(o, "inactivityTimeout", millis), optional(o, "abortTimeout", millis),
                optional(o, "idempotencyRetention", millis), optional(o, "journalRetention", millis),
                optional(o, "workflowCompletionRetention", millis), optional(o, "enableLazyState", JsonNode::booleanValue),
                new RetryOverrides(optional(o, "retryInitialInterval", millis), optional(o, "retryExponentiationFactor", JsonNode::doubleValue),
                        optional(o, "retryMaxAttempts", JsonNode::intValue), optional(o, "retryMaxInterval", millis),
                        optional(o, "retryOnMaxAttempts", n -> OnMaxAttempts.valueOf(n.textValue()))));
    }

    private static ObjectNode map(Map<String, String> map) {
        ObjectNode o = JSON.createObjectNode();
        map.forEach(o::put);
        return o;
    }

    private static Map<String, String> map(JsonNode o) {
        Map<String, String> out = new TreeMap<>();
        o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().textValue()));
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing text field " + field);
        }
        return v.textValue();
    }

    private static <T> Optional<T> optional(JsonNode o, String field, Function<JsonNode, T> read) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(read.apply(v));
    }
}
