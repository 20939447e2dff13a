package dev.resolute.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.HandlerType;
import dev.resolute.spi.schema.InputRules;
import dev.resolute.spi.schema.OnMaxAttempts;
import dev.resolute.spi.schema.OutputRules;
import dev.resolute.spi.schema.ProtocolMode;
import dev.resolute.spi.schema.SchemaException;
import dev.resolute.spi.schema.SchemaException.Kind;
import dev.resolute.spi.schema.ServiceType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestParserTest {
    private static final String V1 = "application/vnd.restate.endpointmanifest.v1+json";
    private static final String V2 = "application/vnd.restate.endpointmanifest.v2+json";
    private static final String V3 = "application/vnd.restate.endpointmanifest.v3+json";
    private static final String V4 = "application/vnd.restate.endpointmanifest.v4+json";

    @Test
    void readsTheTypeScriptSdksManifest() {
        Manifest m = ManifestParser.parse(V4, TestDeployments.resource("manifests/typescript-sdk-1.17.2.json"));
        assertThat(m.version()).isEqualTo(4);
        assertThat(m.protocolMode()).isEqualTo(ProtocolMode.BIDI_STREAM);
        assertThat(m.minProtocolVersion()).isEqualTo(5);
        assertThat(m.maxProtocolVersion()).isEqualTo(7);
        assertThat(m.services()).extracting(DiscoveredService::name).containsExactly("Greeter", "Counter", "Signup");
        assertThat(m.services()).extracting(DiscoveredService::type)
                .containsExactly(ServiceType.SERVICE, ServiceType.VIRTUAL_OBJECT, ServiceType.WORKFLOW);

        DiscoveredService greeter = m.services().get(0);
        assertThat(greeter.documentation()).contains("Says hello");
        Handler greet = greeter.handlers().get(0);
        assertThat(greet.type()).isEqualTo(HandlerType.SHARED);
        assertThat(greet.isPublic()).isTrue();
        assertThat(greet.input()).isEqualTo(new InputRules(false, Optional.of("application/json"), Optional.empty()));
        assertThat(greet.output()).isEqualTo(OutputRules.JSON);

        DiscoveredService counter = m.services().get(1);
        assertThat(counter.handlers()).extracting(Handler::name, Handler::type)
                .containsExactly(tuple("add", HandlerType.EXCLUSIVE), tuple("get", HandlerType.SHARED));
        assertThat(counter.options().enableLazyState()).contains(true);
        assertThat(counter.options().retry().maxAttempts()).contains(3);
        assertThat(counter.options().retry().initialInterval()).contains(Duration.ofMillis(100));
        assertThat(counter.options().retry().onMaxAttempts()).contains(OnMaxAttempts.KILL);

        assertThat(m.services().get(2).handlers()).extracting(Handler::name, Handler::type)
                .containsExactly(tuple("run", HandlerType.WORKFLOW), tuple("confirm", HandlerType.SHARED));
    }

    @Test
    void readsEveryV4Option() {
        Manifest m = ManifestParser.parse(V4, TestDeployments.resource("manifests/rich-v4.json"));
        assertThat(m.protocolMode()).isEqualTo(ProtocolMode.REQUEST_RESPONSE);
        DiscoveredService orders = m.services().get(0);
        assertThat(orders.metadata()).isEqualTo(Map.of("team", "shop"));
        assertThat(orders.options().inactivityTimeout()).contains(Duration.ofSeconds(30));
        assertThat(orders.options().abortTimeout()).contains(Duration.ofMinutes(2));
        assertThat(orders.options().journalRetention()).contains(Duration.ofHours(1));
        assertThat(orders.options().idempotencyRetention()).contains(Duration.ofHours(2));
        assertThat(orders.options().retry().exponentiationFactor()).contains(1.5);
        assertThat(orders.options().retry().maxInterval()).contains(Duration.ofSeconds(5));

        Handler run = orders.handlers().get(0);
        assertThat(run.options().workflowCompletionRetention()).contains(Duration.ofDays(2));
        assertThat(run.options().retry().maxAttempts()).as("0 attempts reads as 1, as in Restate").contains(1);
        assertThat(run.input()).isEqualTo(new InputRules(true, Optional.of("application/json"), Optional.of("{\"title\":\"Order\",\"type\":\"object\"}")));
        assertThat(run.output()).isEqualTo(new OutputRules(Optional.of("application/json"), true, Optional.of("{\"type\":\"string\"}")));

        Handler status = orders.handlers().get(1);
        assertThat(status.isPublic()).isFalse();
        assertThat(status.input()).as("an empty input object allows no body").isEqualTo(new InputRules(false, Optional.empty(), Optional.empty()));
        assertThat(status.output()).as("an empty output object sets no content type").isEqualTo(new OutputRules(Optional.empty(), false, Optional.empty()));

        String schemaWithoutContentType = ManifestServer.manifestOf("{\"name\":\"S\",\"ty\":\"SERVICE\",\"handlers\":[{\"name\":\"h\","
                + "\"input\":{\"jsonSchema\":{\"type\":\"object\"}},\"output\":{\"jsonSchema\":{\"type\":\"object\"}}}]}");
        Handler noBody = ManifestParser.parse(V4, schemaWithoutContentType.getBytes(StandardCharsets.UTF_8)).services().get(0).handlers().get(0);
        assertThat(noBody.input().jsonSchema()).as("no content type, so no body for a schema to describe").isEmpty();
        assertThat(noBody.output().jsonSchema()).isEmpty();

        Handler cancel = orders.handlers().get(2);
        assertThat(cancel.type()).as("a workflow handler without a type is shared").isEqualTo(HandlerType.SHARED);
        assertThat(cancel.output()).isEqualTo(OutputRules.JSON);
    }

    @Test
    void readsOlderManifestVersionsWithTheirOwnFields() {
        String v1 = "{\"protocolMode\":\"REQUEST_RESPONSE\",\"minProtocolVersion\":5,\"maxProtocolVersion\":5,\"services\":["
                + "{\"name\":\"Old\",\"ty\":\"VIRTUAL_OBJECT\",\"handlers\":[{\"name\":\"get\",\"ty\":\"SHARED\"},{\"name\":\"set\"}]}]}";
        Manifest m1 = ManifestParser.parse(V1, v1.getBytes(StandardCharsets.UTF_8));
        assertThat(m1.version()).isEqualTo(1);
        assertThat(m1.services().get(0).handlers()).extracting(Handler::type).containsExactly(HandlerType.SHARED, HandlerType.EXCLUSIVE);
        assertThat(m1.services().get(0).handlers().get(1).input()).as("no input: anything goes").isEqualTo(InputRules.ANY);

        String v2 = "{\"protocolMode\":\"BIDI_STREAM\",\"minProtocolVersion\":5,\"maxProtocolVersion\":6,\"services\":["
                + "{\"name\":\"Doc\",\"ty\":\"SERVICE\",\"documentation\":\"d\",\"metadata\":{\"k\":\"v\"},"
                + "\"handlers\":[{\"name\":\"h\",\"documentation\":\"hd\",\"metadata\":{\"a\":\"b\"}}]}]}";
        DiscoveredService doc = ManifestParser.parse(V2, v2.getBytes(StandardCharsets.UTF_8)).services().get(0);
        assertThat(doc.handlers().get(0).documentation()).contains("hd");
        assertThat(doc.handlers().get(0).metadata()).isEqualTo(Map.of("a", "b"));

        String v3 = "{\"protocolMode\":\"BIDI_STREAM\",\"minProtocolVersion\":5,\"maxProtocolVersion\":6,\"services\":["
                + "{\"name\":\"Timed\",\"ty\":\"SERVICE\",\"inactivityTimeout\":5000,\"ingressPrivate\":true,"
                + "\"handlers\":[{\"name\":\"h\",\"abortTimeout\":1000}]}]}";
        DiscoveredService timed = ManifestParser.parse(V3 + "; charset=utf-8", v3.getBytes(StandardCharsets.UTF_8)).services().get(0);
        assertThat(timed.options().inactivityTimeout()).contains(Duration.ofSeconds(5));
        assertThat(timed.isPublic()).isFalse();
        assertThat(timed.handlers().get(0).isPublic()).as("a handler inherits its service's visibility").isFalse();
        assertThat(timed.handlers().get(0).options().abortTimeout()).contains(Duration.ofSeconds(1));
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                reject("no content type", null, manifest(ok()), Kind.BAD_MANIFEST, "has no content type"),
                reject("plain JSON", "application/json", manifest(ok()), Kind.BAD_MANIFEST, "Bad content type header: \"application/json\""),
                reject("unknown version", "application/vnd.restate.endpointmanifest.v9+json", manifest(ok()), Kind.BAD_MANIFEST, "Expected one of"),
                reject("not JSON", V4, "not json", Kind.BAD_MANIFEST, "the endpoint's manifest is not valid JSON"),
                reject("not an object", V4, "[1]", Kind.BAD_MANIFEST, "the manifest must be a JSON object"),
                reject("no protocol mode", V4, "{\"minProtocolVersion\":5,\"maxProtocolVersion\":7,\"services\":[]}", Kind.BAD_MANIFEST,
                        "the manifest has no protocolMode"),
                reject("bad protocol mode", V4, "{\"protocolMode\":\"FOO\",\"minProtocolVersion\":5,\"maxProtocolVersion\":7,\"services\":[]}",
                        Kind.BAD_MANIFEST, "field `protocolMode` must be one of [BIDI_STREAM, REQUEST_RESPONSE], got \"FOO\""),
                reject("min above max", V4, range(6, 5), Kind.BAD_MANIFEST, "Received min protocol version '6', max protocol version '5'"),
                reject("old SDK", V4, range(1, 4), Kind.UNSUPPORTED_PROTOCOL,
                        "unsupported service protocol versions: [1, 4]. Supported versions by this server are [5, 7]. Please upgrade the SDK"),
                reject("future SDK", V4, range(8, 9), Kind.UNSUPPORTED_PROTOCOL, "unsupported service protocol versions: [8, 9]"),
                reject("version zero", V4, range(0, 5), Kind.BAD_MANIFEST, "field `minProtocolVersion` must be an integer 1-2147483647, got 0"),
                reject("no services", V4, "{\"protocolMode\":\"BIDI_STREAM\",\"minProtocolVersion\":5,\"maxProtocolVersion\":7}",
                        Kind.BAD_MANIFEST, "the manifest has no `services`, which is required"),
                reject("unknown top field", V4, "{\"protocolMode\":\"BIDI_STREAM\",\"minProtocolVersion\":5,\"maxProtocolVersion\":7,\"services\":[],\"x\":1}",
                        Kind.BAD_MANIFEST, "the manifest has the unknown field `x`"),
                reject("v3 field in v2", V2, manifest("{\"name\":\"S\",\"ty\":\"SERVICE\",\"inactivityTimeout\":1,\"handlers\":[]}"),
                        Kind.BAD_MANIFEST, "the service 'S' has the field `inactivityTimeout`, which needs manifest v3 or newer, but the endpoint answered with v2"),
                reject("v2 field in v1", V1, manifest("{\"name\":\"S\",\"ty\":\"SERVICE\",\"handlers\":[{\"name\":\"h\",\"documentation\":\"d\"}]}"),
                        Kind.BAD_MANIFEST, "the handler 'S/h' has the field `documentation`, which needs manifest v2 or newer"),
                reject("lambda compression in v3", V3, "{\"protocolMode\":\"BIDI_STREAM\",\"minProtocolVersion\":5,\"maxProtocolVersion\":7,\"services\":[],\"lambdaCompression\":\"zstd\"}",
                        Kind.BAD_MANIFEST, "needs manifest v4"),
                reject("bad service name", V4, manifest("{\"name\":\"1bad\",\"ty\":\"SERVICE\",\"handlers\":[]}"), Kind.BAD_MANIFEST,
                        "the name of a service '1bad' (services[0]) is not valid: it must match ^([a-zA-Z]|_[a-zA-Z0-9])[a-zA-Z0-9._-]*$"),
                reject("bad handler name", V4, manifest("{\"name\":\"S\",\"ty\":\"SERVICE\",\"handlers\":[{\"name\":\"a-b\"}]}"), Kind.BAD_MANIFEST,
                        "the name of a handler 'a-b' (service 'S' handlers[0]) is not valid"),
                reject("service without name", V4, manifest("{\"ty\":\"SERVICE\",\"handlers\":[]}"), Kind.BAD_MANIFEST,
                        "the manifest's services[0] must be an object with a string `name`"),
                reject("service without type", V4, manifest("{\"name\":\"S\",\"handlers\":[]}"), Kind.BAD_MANIFEST, "the service 'S' has no `ty`"),
                reject("reserved name", V4, manifest("{\"name\":\"restate_internal\",\"ty\":\"SERVICE\",\"handlers\":[]}"), Kind.INVALID_SERVICE,
                        "cannot insert/modify service 'restate_internal' as it contains a reserved name"),
                reject("reserved openapi", V4, manifest("{\"name\":\"OpenAPI\",\"ty\":\"SERVICE\",\"handlers\":[]}"), Kind.INVALID_SERVICE, "reserved name"),
                reject("duplicate service", V4, manifest(ok(), ok()), Kind.INVALID_SERVICE, "the manifest lists the service 'S' twice"),
                reject("duplicate handler", V4, manifest("{\"name\":\"S\",\"ty\":\"SERVICE\",\"handlers\":[{\"name\":\"h\"},{\"name\":\"h\"}]}"),
                        Kind.INVALID_SERVICE, "the service 'S' lists the handler 'h' twice"),
                reject("exclusive in a service", V4, handlers("SERVICE", "{\"name\":\"h\",\"ty\":\"EXCLUSIVE\"}"), Kind.INVALID_SERVICE,
                        "the handler 'S/h' is declared EXCLUSIVE, but a SERVICE's handlers have no type (or SHARED)"),
                reject("workflow in an object", V4, handlers("VIRTUAL_OBJECT", "{\"name\":\"h\",\"ty\":\"WORKFLOW\"}"), Kind.INVALID_SERVICE,
                        "a VIRTUAL_OBJECT's handlers are EXCLUSIVE or SHARED"),
                reject("exclusive in a workflow", V4, handlers("WORKFLOW", "{\"name\":\"h\",\"ty\":\"EXCLUSIVE\"}"), Kind.INVALID_SERVICE,
                        "a WORKFLOW's handlers are WORKFLOW or SHARED"),
                reject("completion retention off a workflow handler", V4, handlers("WORKFLOW", "{\"name\":\"h\",\"workflowCompletionRetention\":1}"),
                        Kind.INVALID_SERVICE, "the handler 'S/h' sets workflowCompletionRetention, but it is not a WORKFLOW handler"),
                reject("idempotency retention on a workflow handler", V4, handlers("WORKFLOW", "{\"name\":\"h\",\"ty\":\"WORKFLOW\",\"idempotencyRetention\":1}"),
                        Kind.INVALID_SERVICE, "sets idempotencyRetention, but it is a WORKFLOW handler"),
                reject("public handler of a private service", V4,
                        manifest("{\"name\":\"S\",\"ty\":\"SERVICE\",\"ingressPrivate\":true,\"handlers\":[{\"name\":\"h\",\"ingressPrivate\":false}]}"),
                        Kind.INVALID_SERVICE, "The service S is private, but the handler h is explicitly set as public"),
                reject("input content type without slash", V4, handlers("SERVICE", "{\"name\":\"h\",\"input\":{\"contentType\":\"not a ct\"}}"),
                        Kind.INVALID_SERVICE, "the handler 'S/h' input content-type is not valid: can't parse the content-type 'not a ct': must contain one /"),
                reject("input wildcard type", V4, handlers("SERVICE", "{\"name\":\"h\",\"input\":{\"contentType\":\"*/json\"}}"),
                        Kind.INVALID_SERVICE, "the wildcard format */subType is not supported"),
                reject("output content type with a line break", V4, handlers("SERVICE", "{\"name\":\"h\",\"output\":{\"contentType\":\"a/b\\nX: y\"}}"),
                        Kind.INVALID_SERVICE, "output content-type is not valid"),
                reject("unknown handler field", V4, handlers("SERVICE", "{\"name\":\"h\",\"foo\":1}"), Kind.BAD_MANIFEST,
                        "the handler 'S/h' has the unknown field `foo`"),
                reject("unknown input field", V4, handlers("SERVICE", "{\"name\":\"h\",\"input\":{\"schema\":1}}"), Kind.BAD_MANIFEST,
                        "the input of the handler 'S/h' has the unknown field `schema`"),
                reject("string duration", V4, handlers("SERVICE", "{\"name\":\"h\",\"abortTimeout\":\"1m\"}"), Kind.BAD_MANIFEST,
                        "the handler 'S/h' field `abortTimeout` must be an integer 0-9223372036854775807, got \"1m\""),
                reject("negative duration", V4, handlers("SERVICE", "{\"name\":\"h\",\"journalRetention\":-1}"), Kind.BAD_MANIFEST, "got -1"),
                reject("bad retry behaviour", V4, handlers("SERVICE", "{\"name\":\"h\",\"retryPolicyOnMaxAttempts\":\"pause\"}"), Kind.BAD_MANIFEST,
                        "field `retryPolicyOnMaxAttempts` must be one of [PAUSE, KILL], got \"pause\""),
                reject("metadata of numbers", V4, handlers("SERVICE", "{\"name\":\"h\",\"metadata\":{\"n\":1}}"), Kind.BAD_MANIFEST,
                        "field `metadata` must map names to strings, but `n` is number"),
                reject("handlers not an array", V4, manifest("{\"name\":\"S\",\"ty\":\"SERVICE\",\"handlers\":{}}"), Kind.BAD_MANIFEST,
                        "the service 'S' field `handlers` must be an array, got {}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithAMessageThatSaysWhy(String name, String contentType, String body, Kind kind, String message) {
        assertThatThrownBy(() -> ManifestParser.parse(contentType, body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContaining(message);
    }

    @Test
    void protocolRangeErrorsCarryRestatesCodes() {
        assertThatThrownBy(() -> ManifestParser.parse(V4, range(1, 4).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.restateCode()).contains("META0012"));
        assertThatThrownBy(() -> ManifestParser.parse(V4, range(6, 5).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.restateCode()).contains("META0013"));
        // ranges that meet 5..7 at one end are fine
        assertThat(ManifestParser.parse(V4, range(1, 5).getBytes(StandardCharsets.UTF_8)).maxProtocolVersion()).isEqualTo(5);
        assertThat(ManifestParser.parse(V4, range(7, 9).getBytes(StandardCharsets.UTF_8)).minProtocolVersion()).isEqualTo(7);
    }

    private static Arguments reject(String name, String contentType, String body, Kind kind, String message) {
        return Arguments.of(name, contentType, body, kind, message);
    }

    private static String ok() {
        return "{\"name\":\"S\",\"ty\":\"SERVICE\",\"handlers\":[{\"name\":\"h\"}]}";
    }

    private static String manifest(String... services) {
        return ManifestServer.manifestOf(services);
    }

    private static String handlers(String serviceType, String handler) {
        return manifest("{\"name\":\"S\",\"ty\":\"" + serviceType + "\",\"handlers\":[" + handler + "]}");
    }

    private static String range(int min, int max) {
        return "{\"protocolMode\":\"BIDI_STREAM\",\"minProtocolVersion\":" + min + ",\"maxProtocolVersion\":" + max + ",\"services\":[]}";
    }
}
