package dev.resolute.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.schema.TestDeployments;
import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.HttpVersion;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.OnMaxAttempts;
import dev.resolute.spi.schema.ProtocolMode;
import dev.resolute.spi.schema.RetryOverrides;
import dev.resolute.spi.schema.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Our admin JSON against what restate-server 1.7.12 answered for the same manifests (captured in
 * src/test/resources/restate-1.7.12/). Arrays of named things are compared by name: Restate lists
 * services and handlers in hash order.
 */
class AdminJsonTest {
    private static final String TS_SDK = "restate-sdk-typescript/1.17.2";

    @Test
    void detailedDeploymentMatchesRestate() {
        JsonNode restate = fixture("restate-1.7.12/deployment-bidi.json");
        Deployment ours = typescriptDeployment(restate, ProtocolMode.BIDI_STREAM, HttpVersion.HTTP_2, 1);
        assertThat(sorted(AdminJson.deployment(ours, true, InvocationOptions.NONE))).isEqualTo(sorted(restate));
    }

    @Test
    void requestResponseDeploymentShowsNoInactivityTimeout() {
        JsonNode restate = fixture("restate-1.7.12/deployment-request-response.json");
        Deployment ours = typescriptDeployment(restate, ProtocolMode.REQUEST_RESPONSE, HttpVersion.HTTP_1_1, 3);
        assertThat(sorted(AdminJson.deployment(ours, true, InvocationOptions.NONE))).isEqualTo(sorted(restate));
    }

    @Test
    void deploymentListItemMatchesRestate() {
        JsonNode restate = null;
        for (JsonNode d : fixture("restate-1.7.12/deployments.json").get("deployments")) {
            if (d.get("id").textValue().equals("dp_15rDUa6Wz3jH7EmYegZvFkJ")) {
                restate = d;
            }
        }
        Deployment ours = typescriptDeployment(restate, ProtocolMode.BIDI_STREAM, HttpVersion.HTTP_2, 1);
        assertThat(sorted(AdminJson.deployment(ours, false, InvocationOptions.NONE))).isEqualTo(sorted(restate));
    }

    @Test
    void serviceAndHandlersMatchRestate() {
        JsonNode counter = fixture("restate-1.7.12/service-counter.json");
        String id = counter.get("deployment_id").textValue();
        Deployment ours = deployment(TestDeployments.resource("manifests/typescript-sdk-1.17.2.json"), id, ProtocolMode.BIDI_STREAM,
                HttpVersion.HTTP_2, 4, "http://127.0.0.1:19083/", Instant.parse("2026-11-25T09:46:00.629Z"), TS_SDK);
        assertThat(sorted(AdminJson.service(ours.service("Counter").orElseThrow(), ProtocolMode.BIDI_STREAM, InvocationOptions.NONE))).isEqualTo(sorted(counter));

        JsonNode signup = fixture("restate-1.7.12/handlers-signup.json");
        Service service = ours.service("Signup").orElseThrow();
        ArrayNode handlers = AdminJson.JSON.createArrayNode();
        service.handlers().forEach(h -> handlers.add(AdminJson.handler(h, service.type(), ProtocolMode.BIDI_STREAM)));
        assertThat(sorted(AdminJson.JSON.createObjectNode().set("handlers", handlers))).isEqualTo(sorted(signup));
    }

    @Test
    void everyOptionRendersAsRestateRendersIt() {
        // retention, timeouts, retry overrides, schemas, private handlers, info about request/response mode
        for (String file : List.of("register-rich.json", "register-rich-bidi.json")) {
            JsonNode restate = fixture("restate-1.7.12/" + file);
            ProtocolMode mode = file.contains("bidi") ? ProtocolMode.BIDI_STREAM : ProtocolMode.REQUEST_RESPONSE;
            byte[] manifest = TestDeployments.resource("manifests/rich-v4.json");
            if (mode == ProtocolMode.BIDI_STREAM) {
                manifest = new String(manifest, StandardCharsets.UTF_8).replace("REQUEST_RESPONSE", "BIDI_STREAM").getBytes(StandardCharsets.UTF_8);
            }
            Deployment ours = deployment(manifest, restate.get("id").textValue(), mode, HttpVersion.HTTP_1_1, 1,
                    "http://127.0.0.1:19090/", Instant.now(), "fake/1.0");
            assertThat(sorted(AdminJson.registered(ours, InvocationOptions.NONE))).as(file).isEqualTo(sorted(restate));
        }
    }

    @Test
    void serviceShowsTheEngineDefaultsUnderItsOwnSettings() {
        JsonNode counter = fixture("restate-1.7.12/service-counter.json");
        Deployment ours = deployment(TestDeployments.resource("manifests/typescript-sdk-1.17.2.json"), counter.get("deployment_id").textValue(),
                ProtocolMode.BIDI_STREAM, HttpVersion.HTTP_2, 4, "http://127.0.0.1:19083/", Instant.parse("2026-11-25T09:46:00.629Z"), TS_SDK);
        InvocationOptions configured = new InvocationOptions(Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofSeconds(90)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                new RetryOverrides(Optional.of(Duration.ofMillis(250)), Optional.of(1.5), Optional.of(3), Optional.of(Duration.ofSeconds(10)),
                        Optional.of(OnMaxAttempts.KILL)));
        ObjectNode json = AdminJson.service(ours.service("Counter").orElseThrow(), ProtocolMode.BIDI_STREAM, configured);
        assertThat(json.get("inactivity_timeout").textValue()).isEqualTo("5s");
        assertThat(json.get("abort_timeout").textValue()).isEqualTo("1m 30s");
        assertThat(json.get("journal_retention")).isEqualTo(counter.get("journal_retention")); // not configured: Restate's
        assertThat(json.get("retry_policy").toString()) // Counter's manifest sets its own initial interval
                .isEqualTo("{\"initial_interval\":\"100ms\",\"exponentiation_factor\":1.5,\"max_attempts\":3,\"max_interval\":\"10s\",\"on_max_attempts\":\"Kill\"}");

        // a manifest's own setting still wins over the configured default
        JsonNode rich = fixture("restate-1.7.12/register-rich-bidi.json");
        byte[] manifest = new String(TestDeployments.resource("manifests/rich-v4.json"), StandardCharsets.UTF_8)
                .replace("REQUEST_RESPONSE", "BIDI_STREAM").getBytes(StandardCharsets.UTF_8);
        Deployment richOurs = deployment(manifest, rich.get("id").textValue(), ProtocolMode.BIDI_STREAM, HttpVersion.HTTP_2, 1,
                "http://127.0.0.1:1/", Instant.parse("2026-11-25T09:46:00.629Z"), TS_SDK);
        for (JsonNode restateService : rich.get("services")) {
            Service s = richOurs.service(restateService.get("name").textValue()).orElseThrow();
            ObjectNode ourService = AdminJson.service(s, ProtocolMode.BIDI_STREAM, configured);
            if (s.options().inactivityTimeout().isPresent()) {
                assertThat(ourService.get("inactivity_timeout")).isEqualTo(restateService.get("inactivity_timeout"));
            } else {
                assertThat(ourService.get("inactivity_timeout").textValue()).isEqualTo("5s");
            }
        }
    }

    @Test
    void versionHasTheFieldsTheCliReads() {
        JsonNode restate = fixture("restate-1.7.12/version.json");
        ObjectNode ours = AdminJson.version(Optional.of("http://127.0.0.1:8080/"));
        List<String> names = new ArrayList<>();
        ours.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("version", "min_admin_api_version", "max_admin_api_version", "ingress_endpoint", "features");
        restate.fieldNames().forEachRemaining(n -> assertThat(names).as(n).contains(n));
        assertThat(ours.get("ingress_endpoint").textValue()).isEqualTo("http://127.0.0.1:8080/");
        assertThat(AdminJson.version(Optional.of("unix:/tmp/ingress.sock")).has("ingress_endpoint")).as("not an HTTP URL").isFalse();
        assertThat(AdminJson.version(Optional.empty()).has("ingress_endpoint")).isFalse();
        assertThat(ours.get("min_admin_api_version")).isEqualTo(restate.get("min_admin_api_version"));
        assertThat(ours.get("max_admin_api_version")).isEqualTo(restate.get("max_admin_api_version"));
    }

    @Test
    void errorsAreRestatesErrorBody() {
        assertThat(new String(AdminJson.error(404, "no", Optional.empty()).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"no\",\"restate_code\":null}");
        assertThat(new String(AdminJson.error(400, "bad range", Optional.of("META0012")).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"[META0012] bad range\",\"restate_code\":\"META0012\"}");
    }

    /** The TS test services' deployment as Restate registered it (id, uri, time and revision from its answer). */
    private static Deployment typescriptDeployment(JsonNode restate, ProtocolMode mode, HttpVersion version, int revision) {
        byte[] manifest = TestDeployments.resource("manifests/typescript-sdk-1.17.2.json");
        if (mode == ProtocolMode.REQUEST_RESPONSE) {
            manifest = new String(manifest, StandardCharsets.UTF_8).replace("BIDI_STREAM", "REQUEST_RESPONSE").getBytes(StandardCharsets.UTF_8);
        }
        return deployment(manifest, restate.get("id").textValue(), mode, version, revision, restate.get("uri").textValue(),
                Instant.parse(restate.get("created_at").textValue()), TS_SDK);
    }

    private static Deployment deployment(byte[] manifestBytes, String id, ProtocolMode mode, HttpVersion version, int revision,
                                         String uri, Instant createdAt, String sdk) {
        Deployment deployment = TestDeployments.fromManifest(manifestBytes, id, version, revision, uri, createdAt, sdk);
        assertThat(deployment.protocolMode()).isEqualTo(mode);
        return deployment;
    }

    /** A copy with every array of objects that have a "name" sorted by it. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = AdminJson.JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), sorted(e.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item)));
            items.sort(Comparator.comparing(item -> item.path("name").asText("")));
            ArrayNode copy = AdminJson.JSON.createArrayNode();
            items.forEach(copy::add);
            return copy;
        }
        return node;
    }

    private static JsonNode fixture(String name) {
        try {
            return AdminJson.JSON.readTree(TestDeployments.resource(name));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
