package dev.resolute.schema;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.HandlerType;
import dev.resolute.spi.schema.InputRules;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.OnMaxAttempts;
import dev.resolute.spi.schema.OutputRules;
import dev.resolute.spi.schema.ProtocolMode;
import dev.resolute.spi.schema.ProtocolRange;
import dev.resolute.spi.schema.RetryOverrides;
import dev.resolute.spi.schema.SchemaException;
import dev.resolute.spi.schema.SchemaException.Kind;
import dev.resolute.spi.schema.ServiceType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates an endpoint manifest (restate-protocol.md §2.2-2.4): the format version from
 * the response's content type, then the JSON, field by field. A field the declared version does not
 * define is refused, as older Restate servers refuse it, so a broken SDK shows up at registration.
 */
final class ManifestParser {
    static final List<String> CONTENT_TYPES = List.of(
            "application/vnd.restate.endpointmanifest.v1+json",
            "application/vnd.restate.endpointmanifest.v2+json",
            "application/vnd.restate.endpointmanifest.v3+json",
            "application/vnd.restate.endpointmanifest.v4+json");
    /** The discovery request's accept header: every version we read. */
    static final String ACCEPT = String.join(", ", CONTENT_TYPES);

    private static final Pattern SERVICE_NAME = Pattern.compile("([a-zA-Z]|_[a-zA-Z0-9])[a-zA-Z0-9._-]*");
    private static final Pattern HANDLER_NAME = Pattern.compile("([a-zA-Z]|_[a-zA-Z0-9])[a-zA-Z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestParser() {
    }

    /**
     * @param contentType the response's content type, or null if it had none
     * @throws SchemaException BAD_MANIFEST, INVALID_SERVICE or UNSUPPORTED_PROTOCOL
     */
    static Manifest parse(String contentType, byte[] body) {
        int version = version(contentType);
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new SchemaException(Kind.BAD_MANIFEST, "META0013", "the endpoint's manifest is not valid JSON: "
                    + e.getOriginalMessage() + ". Discovery response: " + excerpt(body), e);
        } catch (java.io.IOException e) {
            throw new SchemaException(Kind.BAD_MANIFEST, "META0013", "the endpoint's manifest cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw bad("the manifest must be a JSON object. Discovery response: " + excerpt(body));
        }
        ManifestFields top = new ManifestFields(root, "the manifest", version, ManifestFields.TOP);
        ProtocolMode mode = top.optionalEnum("protocolMode", ProtocolMode.class)
                .orElseThrow(() -> new SchemaException(Kind.BAD_MANIFEST, "META0013",
                        "the manifest has no protocolMode; it must be BIDI_STREAM or REQUEST_RESPONSE", null));
        int min = (int) top.requiredLong("minProtocolVersion", 1, Integer.MAX_VALUE);
        int max = (int) top.requiredLong("maxProtocolVersion", 1, Integer.MAX_VALUE);
        if (min > max) {
            throw new SchemaException(Kind.BAD_MANIFEST, "META0013", "Expected min protocol version to be <= max protocol version. "
                    + "Received min protocol version '" + min + "', max protocol version '" + max + "'", null);
        }
        if (!ProtocolRange.SUPPORTED.meets(min, max)) { // a deployment's range must meet the versions the engine runs
            throw new SchemaException(Kind.UNSUPPORTED_PROTOCOL, "META0012", "unsupported service protocol versions: [" + min + ", "
                    + max + "]. Supported versions by this server are " + ProtocolRange.SUPPORTED
                    + ". Please upgrade the SDK and try registering again.", null);
        }
        List<DiscoveredService> services = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonNode> items = top.requiredArray("services");
        for (int i = 0; i < items.size(); i++) {
            DiscoveredService service = service(items.get(i), "services[" + i + "]", version);
            if (!names.add(service.name())) {
                throw invalid("the manifest lists the service '" + service.name() + "' twice");
            }
            services.add(service);
        }
        return new Manifest(version, mode, min, max, services);
    }

    private static int version(String contentType) {
        if (contentType == null) {
            throw new SchemaException(Kind.BAD_MANIFEST, "META0013", "the endpoint's answer has no content type; expected one of '"
                    + ACCEPT + "'. Is the URI pointing at a Restate SDK endpoint?", null);
        }
        String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        int index = CONTENT_TYPES.indexOf(bare);
        if (index < 0) {
            throw new SchemaException(Kind.BAD_MANIFEST, "META0013", "Bad content type header: \"" + contentType
                    + "\". Expected one of '" + ACCEPT + "'. Is the URI pointing at a Restate SDK endpoint?", null);
        }
        return index + 1;
    }

    private static DiscoveredService service(JsonNode node, String at, int version) {
        String name = ManifestFields.name(node, at, SERVICE_NAME, "a service");
        String where = "service '" + name + "'";
        ManifestFields fields = new ManifestFields(node, where, version, ManifestFields.SERVICE);
        ServiceType type = fields.requiredEnum("ty", ServiceType.class);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("restate") || lower.equals("openapi")) {
            throw new SchemaException(Kind.INVALID_SERVICE, "META0005", "cannot insert/modify service '" + name
                    + "' as it contains a reserved name (names starting with 'restate' and 'openapi' are reserved)", null);
        }
        boolean isPublic = !fields.optionalBoolean("ingressPrivate").orElse(false);
        List<Handler> handlers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonNode> items = fields.requiredArray("handlers");
        for (int i = 0; i < items.size(); i++) {
            Handler handler = handler(items.get(i), where + " handlers[" + i + "]", name, type, isPublic, version);
            if (!names.add(handler.name())) {
                throw invalid("the " + where + " lists the handler '" + handler.name() + "' twice");
            }
            handlers.add(handler);
        }
        return new DiscoveredService(name, type, isPublic, handlers, fields.optionalString("documentation"),
                fields.stringMap("metadata"), options(fields));
    }

    private static Handler handler(JsonNode node, String at, String service, ServiceType serviceType, boolean servicePublic, int version) {
        String name = ManifestFields.name(node, at, HANDLER_NAME, "a handler");
        String where = "handler '" + service + "/" + name + "'";
        ManifestFields fields = new ManifestFields(node, where, version, ManifestFields.HANDLER);
        HandlerType type = handlerType(fields.optionalEnum("ty", HandlerType.class), serviceType, where);
        if (fields.has("workflowCompletionRetention") && type != HandlerType.WORKFLOW) {
            throw invalid("the " + where + " sets workflowCompletionRetention, but it is not a WORKFLOW handler");
        }
        if (fields.has("idempotencyRetention") && type == HandlerType.WORKFLOW) {
            throw invalid("the " + where + " sets idempotencyRetention, but it is a WORKFLOW handler (use workflowCompletionRetention)");
        }
        Optional<Boolean> ingressPrivate = fields.optionalBoolean("ingressPrivate");
        if (!servicePublic && ingressPrivate.equals(Optional.of(false))) {
            throw invalid("The service " + service + " is private, but the handler " + name + " is explicitly set as public. "
                    + "This is not supported. Please make the service public, and hide the individual handlers");
        }
        InputRules input = fields.optionalObject("input").map(o -> input(o, where, version)).orElse(InputRules.ANY);
        OutputRules output = fields.optionalObject("output").map(o -> output(o, where, version)).orElse(OutputRules.JSON);
        return new Handler(name, type, ingressPrivate.map(p -> !p).orElse(servicePublic), input, output,
                fields.optionalString("documentation"), fields.stringMap("metadata"), options(fields));
    }

    /** Restate's combinations: a missing type is EXCLUSIVE in an object and SHARED elsewhere. */
    private static HandlerType handlerType(Optional<HandlerType> declared, ServiceType serviceType, String where) {
        switch (serviceType) {
            case SERVICE:
                if (declared.isEmpty() || declared.get() == HandlerType.SHARED) {
                    return HandlerType.SHARED;
                }
                throw invalid("the " + where + " is declared " + declared.get() + ", but a SERVICE's handlers have no type (or SHARED)");
            case VIRTUAL_OBJECT:
                if (declared.orElse(HandlerType.EXCLUSIVE) != HandlerType.WORKFLOW) {
                    return declared.orElse(HandlerType.EXCLUSIVE);
                }
                throw invalid("the " + where + " is declared WORKFLOW, but a VIRTUAL_OBJECT's handlers are EXCLUSIVE or SHARED");
            default:
                if (declared.orElse(HandlerType.SHARED) != HandlerType.EXCLUSIVE) {
                    return declared.orElse(HandlerType.SHARED);
                }
                throw invalid("the " + where + " is declared EXCLUSIVE, but a WORKFLOW's handlers are WORKFLOW or SHARED");
        }
    }

    private static InputRules input(JsonNode node, String where, int version) {
        ManifestFields fields = new ManifestFields(node, "input of the " + where, version, ManifestFields.INPUT);
        Optional<String> contentType = fields.optionalString("contentType");
        contentType.ifPresent(ct -> checkInputContentType(ct, where));
        // as Restate: a schema without a content type describes nothing, since no body is allowed
        return new InputRules(fields.optionalBoolean("required").orElse(false), contentType.map(String::trim),
                contentType.isPresent() ? fields.optionalJson("jsonSchema") : Optional.empty());
    }

    private static OutputRules output(JsonNode node, String where, int version) {
        ManifestFields fields = new ManifestFields(node, "output of the " + where, version, ManifestFields.OUTPUT);
        Optional<String> contentType = fields.optionalString("contentType");
        if (contentType.isPresent() && !contentType.get().chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
            throw invalid("the " + where + " output content-type is not valid: '" + contentType.get() + "' is not a valid header value");
        }
        return new OutputRules(contentType, fields.optionalBoolean("setContentTypeIfEmpty").orElse(false),
                contentType.isPresent() ? fields.optionalJson("jsonSchema") : Optional.empty());
    }

    private static void checkInputContentType(String contentType, String where) {
        String[] parts = contentType.trim().split("/", -1);
        String reason = null;
        if (parts.length != 2) {
            reason = "must contain one /";
        } else if (parts[0].isEmpty() || parts[1].isEmpty()) {
            reason = "type and subtype must not be empty";
        } else if (parts[0].equals("*") && !parts[1].equals("*")) {
            reason = "the wildcard format */subType is not supported";
        }
        if (reason != null) {
            throw invalid("the " + where + " input content-type is not valid: can't parse the content-type '" + contentType + "': " + reason);
        }
    }

    private static InvocationOptions options(ManifestFields fields) {
        RetryOverrides retry = new RetryOverrides(
                fields.optionalMillis("retryPolicyInitialInterval"),
                fields.optionalDouble("retryPolicyExponentiationFactor"),
                // Restate reads 0 attempts as 1: the first attempt always happens
                fields.optionalLong("retryPolicyMaxAttempts", 0, Integer.MAX_VALUE).map(n -> (int) Math.max(1, n)),
                fields.optionalMillis("retryPolicyMaxInterval"),
                fields.optionalEnum("retryPolicyOnMaxAttempts", OnMaxAttempts.class));
        return new InvocationOptions(fields.optionalMillis("inactivityTimeout"), fields.optionalMillis("abortTimeout"),
                fields.optionalMillis("idempotencyRetention"), fields.optionalMillis("journalRetention"),
                fields.optionalMillis("workflowCompletionRetention"), fields.optionalBoolean("enableLazyState"), retry);
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }

    /** A manifest that does not read as one (Restate's META0013, a bad discovery response). */
    static SchemaException bad(String message) {
        return new SchemaException(Kind.BAD_MANIFEST, "META0013", message, null);
    }

    /** A service that breaks the registry's rules (Restate's META0005, cannot insert/modify the service). */
    private static SchemaException invalid(String message) {
        return new SchemaException(Kind.INVALID_SERVICE, "META0005", message, null);
    }
}
