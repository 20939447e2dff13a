package dev.resolute.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.Durations;
import dev.resolute.spi.http.JsonError;
import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.HttpVersion;
import dev.resolute.spi.schema.InputRules;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.OnMaxAttempts;
import dev.resolute.spi.schema.OutputRules;
import dev.resolute.spi.schema.ProtocolMode;
import dev.resolute.spi.schema.RetryOverrides;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceType;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API's JSON, field for field as Restate 1.7 writes it (restate-protocol.md §4.4-4.5):
 * snake_case, optional fields left out, durations in the compact friendly form ({@code "1d"}), and
 * effective values where Restate shows them (server defaults under the service's own settings).
 */
final class AdminJson {
    static final ObjectMapper JSON = new ObjectMapper();

    // Restate 1.7's defaults: shown where neither the service nor the engine's configuration sets a value
    // (the worker publishes its configured timeouts and retry policy as EngineInfo; a node without one shows these).
    static final Duration INACTIVITY_TIMEOUT = Duration.ofMinutes(1);
    static final Duration ABORT_TIMEOUT = Duration.ofMinutes(10);
    static final Duration IDEMPOTENCY_RETENTION = Duration.ofDays(1);
    static final Duration JOURNAL_RETENTION = Duration.ofDays(1);
    static final Duration WORKFLOW_COMPLETION_RETENTION = Duration.ofDays(1);
    static final Duration RETRY_INITIAL_INTERVAL = Duration.ofMillis(500);
    static final double RETRY_EXPONENTIATION_FACTOR = 2.0;
    static final int RETRY_MAX_ATTEMPTS = 70;
    static final Duration RETRY_MAX_INTERVAL = Duration.ofMinutes(1);

    /** humantime's RFC 3339 with nanoseconds, as Restate prints {@code created_at}. */
    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AdminJson() {
    }

    /** {@code RegisterDeploymentResponse}. */
    static ObjectNode registered(Deployment d, InvocationOptions serverDefaults) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", d.id());
        ArrayNode services = o.putArray("services");
        d.services().forEach(s -> services.add(service(s, d.protocolMode(), serverDefaults)));
        o.put("min_protocol_version", d.minProtocolVersion());
        o.put("max_protocol_version", d.maxProtocolVersion());
        d.sdkVersion().ifPresent(v -> o.put("sdk_version", v));
        return o;
    }

    /** {@code DeploymentResponse} (list item; services as name and revision) or {@code DetailedDeploymentResponse}. */
    static ObjectNode deployment(Deployment d, boolean detailed, InvocationOptions serverDefaults) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", d.id());
        o.put("uri", d.uri().toString());
        o.put("protocol_type", d.protocolMode() == ProtocolMode.BIDI_STREAM ? "BidiStream" : "RequestResponse");
        o.put("http_version", d.httpVersion() == HttpVersion.HTTP_2 ? "HTTP/2.0" : "HTTP/1.1");
        putMap(o, "additional_headers", d.additionalHeaders());
        putMap(o, "metadata", d.metadata());
        o.put("created_at", CREATED_AT.format(d.createdAt()));
        o.put("min_protocol_version", d.minProtocolVersion());
        o.put("max_protocol_version", d.maxProtocolVersion());
        d.sdkVersion().ifPresent(v -> o.put("sdk_version", v));
        ArrayNode services = o.putArray("services");
        for (Service s : d.services()) {
            if (detailed) {
                services.add(service(s, d.protocolMode(), serverDefaults));
            } else {
                services.addObject().put("name", s.name()).put("revision", s.revision());
            }
        }
        return o;
    }

    /** {@code ServiceMetadata}: the revision's own settings over the engine's configured defaults over Restate's. */
    static ObjectNode service(Service s, ProtocolMode mode, InvocationOptions serverDefaults) {
        InvocationOptions opts = s.options();
        InvocationOptions fallback = serverDefaults;
        boolean requestResponse = mode == ProtocolMode.REQUEST_RESPONSE;
        ObjectNode o = JSON.createObjectNode();
        o.put("name", s.name());
        o.put("ty", serviceType(s.type()));
        ArrayNode handlers = o.putArray("handlers");
        s.handlers().forEach(h -> handlers.add(handler(h, s.type(), mode)));
        s.documentation().ifPresent(v -> o.put("documentation", v));
        putMap(o, "metadata", s.metadata());
        o.put("deployment_id", s.deploymentId());
        o.put("revision", s.revision());
        o.put("public", s.isPublic());
        o.put("idempotency_retention", Durations.format(effective(opts.idempotencyRetention(), fallback.idempotencyRetention(), IDEMPOTENCY_RETENTION)));
        if (s.type() == ServiceType.WORKFLOW) {
            Duration retention = s.handlers().stream().flatMap(h -> h.options().workflowCompletionRetention().stream()).findFirst()
                    .or(fallback::workflowCompletionRetention).orElse(WORKFLOW_COMPLETION_RETENTION);
            o.put("workflow_completion_retention", Durations.format(retention));
        }
        o.put("journal_retention", Durations.format(effective(opts.journalRetention(), fallback.journalRetention(), JOURNAL_RETENTION)));
        o.put("inactivity_timeout", Durations.format(requestResponse ? Duration.ZERO
                : effective(opts.inactivityTimeout(), fallback.inactivityTimeout(), INACTIVITY_TIMEOUT)));
        o.put("abort_timeout", Durations.format(effective(opts.abortTimeout(), fallback.abortTimeout(), ABORT_TIMEOUT)));
        o.put("enable_lazy_state", opts.enableLazyState().orElse(false));
        RetryOverrides r = opts.retry();
        RetryOverrides d = fallback.retry();
        ObjectNode retry = o.putObject("retry_policy");
        retry.put("initial_interval", Durations.format(effective(r.initialInterval(), d.initialInterval(), RETRY_INITIAL_INTERVAL)));
        retry.put("exponentiation_factor", effective(r.exponentiationFactor(), d.exponentiationFactor(), RETRY_EXPONENTIATION_FACTOR));
        retry.put("max_attempts", effective(r.maxAttempts(), d.maxAttempts(), RETRY_MAX_ATTEMPTS));
        retry.put("max_interval", Durations.format(effective(r.maxInterval(), d.maxInterval(), RETRY_MAX_INTERVAL)));
        retry.put("on_max_attempts", onMaxAttempts(effective(r.onMaxAttempts(), d.onMaxAttempts(), OnMaxAttempts.PAUSE)));
        if (requestResponse && opts.inactivityTimeout().isPresent()) {
            infoRt0021(o, opts.inactivityTimeout().get(), "service");
        }
        return o;
    }

    /** {@code HandlerMetadata}: only what the handler itself sets, plus its effective visibility. */
    static ObjectNode handler(Handler h, ServiceType serviceType, ProtocolMode mode) {
        InvocationOptions opts = h.options();
        boolean requestResponse = mode == ProtocolMode.REQUEST_RESPONSE;
        ObjectNode o = JSON.createObjectNode();
        o.put("name", h.name());
        if (serviceType != ServiceType.SERVICE) {
            String type = h.type().name();
            o.put("ty", type.charAt(0) + type.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        h.documentation().ifPresent(v -> o.put("documentation", v));
        putMap(o, "metadata", h.metadata());
        putDuration(o, "idempotency_retention", opts.idempotencyRetention());
        putDuration(o, "journal_retention", opts.journalRetention());
        putDuration(o, "inactivity_timeout", requestResponse ? Optional.empty() : opts.inactivityTimeout());
        putDuration(o, "abort_timeout", opts.abortTimeout());
        opts.enableLazyState().ifPresent(b -> o.put("enable_lazy_state", b));
        o.put("public", h.isPublic());
        o.put("input_description", describe(h.input()));
        o.put("output_description", describe(h.output()));
        h.input().jsonSchema().ifPresent(schema -> o.set("input_json_schema", parse(schema)));
        h.output().jsonSchema().ifPresent(schema -> o.set("output_json_schema", parse(schema)));
        RetryOverrides r = opts.retry();
        ObjectNode retry = o.putObject("retry_policy");
        putDuration(retry, "initial_interval", r.initialInterval());
        r.exponentiationFactor().ifPresent(f -> retry.put("exponentiation_factor", f));
        if (r.maxAttempts().isPresent()) {
            retry.put("max_attempts", r.maxAttempts().get());
        } else {
            retry.putNull("max_attempts"); // always present, as in Restate
        }
        putDuration(retry, "max_interval", r.maxInterval());
        r.onMaxAttempts().ifPresent(a -> retry.put("on_max_attempts", onMaxAttempts(a)));
        if (requestResponse && opts.inactivityTimeout().isPresent()) {
            infoRt0021(o, opts.inactivityTimeout().get(), "handler");
        }
        return o;
    }

    /** Restate's {@code input_description}: "none", a content type, or "JSON 'title'" when a schema names one. */
    static String describe(InputRules input) {
        if (input.contentType().isEmpty()) {
            return "none";
        }
        return input.jsonSchema().flatMap(AdminJson::schemaName).orElse(input.contentType().get());
    }

    /** Restate's {@code output_description}: a schema's name, else the content type ("optional ..." if set also on empty output) or "none". */
    static String describe(OutputRules output) {
        return output.jsonSchema().flatMap(AdminJson::schemaName).orElseGet(() -> output.contentType()
                .map(ct -> (output.setContentTypeIfEmpty() ? "optional " : "") + ct).orElse("none"));
    }

    /** {@code GET /version}; {@code ingress_endpoint} only when this node runs an ingress reachable over HTTP. */
    static ObjectNode version(Optional<String> ingressEndpoint) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", AdminHandler.VERSION);
        o.put("min_admin_api_version", AdminHandler.MIN_API);
        o.put("max_admin_api_version", AdminHandler.MAX_API);
        ingressEndpoint.filter(url -> url.startsWith("http")).ifPresent(url -> o.put("ingress_endpoint", url));
        o.putObject("features");
        return o;
    }

    /** Restate's admin error body, {@code {"message":"[META0xxx] …","restate_code":"META0xxx"|null}}. */
    static JsonError error(int status, String message, Optional<String> restateCode) {
        return JsonError.message(status, restateCode.map(c -> "[" + c + "] ").orElse("") + message).with("restate_code", restateCode.orElse(null));
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static Optional<String> schemaName(String schema) {
        JsonNode node = parse(schema);
        if (node.path("title").isTextual()) {
            return Optional.of("JSON '" + node.get("title").textValue() + "'");
        }
        return node.path("type").isTextual() ? Optional.of("JSON " + node.get("type").textValue()) : Optional.empty();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON schema does not parse: " + e.getOriginalMessage(), e);
        }
    }

    private static void infoRt0021(ObjectNode o, Duration timeout, String what) {
        o.putArray("info").addObject().put("code", "RT0021").put("message", "The configured inactivity_timeout "
                + Durations.format(timeout) + " will not be applied because the " + what + " is exposed in Request/Response mode.");
    }

    private static String serviceType(ServiceType type) {
        switch (type) {
            case SERVICE:
                return "Service";
            case VIRTUAL_OBJECT:
                return "VirtualObject";
            default:
                return "Workflow";
        }
    }

    private static String onMaxAttempts(OnMaxAttempts a) {
        return a == OnMaxAttempts.PAUSE ? "Pause" : "Kill";
    }

    /** The service's value, else the engine's configured default, else Restate's. */
    private static <T> T effective(Optional<T> own, Optional<T> configured, T restate) {
        return own.or(() -> configured).orElse(restate);
    }

    private static void putDuration(ObjectNode o, String field, Optional<Duration> value) {
        value.ifPresent(d -> o.put(field, Durations.format(d)));
    }

    private static void putMap(ObjectNode o, String field, Map<String, String> map) {
        if (!map.isEmpty()) {
            ObjectNode m = o.putObject(field);
            map.forEach(m::put);
        }
    }
}
