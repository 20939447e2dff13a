package dev.resolute.admin;

import static dev.resolute.schema.ManifestServer.manifestOf;
import static dev.resolute.schema.ManifestServer.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.schema.ManifestServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin REST API over real HTTP: routes, status codes, headers and Restate's error body. */
class AdminApiTest {
    @TempDir
    Path dir;

    private AdminNode node;
    private ManifestServer endpoint;
    private AdminClient admin;

    @BeforeEach
    void start() throws Exception {
        node = AdminNode.start(dir);
        endpoint = new ManifestServer().manifest(manifestOf(service("Greeter", "SERVICE", "greet"), service("Counter", "VIRTUAL_OBJECT", "add", "get")));
        admin = new AdminClient(node.url());
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void healthIs503NamingTheProblemsPluginsReport() {
        node.health().reportProblem("worker", "partition 2 stopped");
        AdminClient.Reply unhealthy = admin.get("/health");
        node.health().clearProblem("worker");

        assertThat(unhealthy.status()).isEqualTo(503);
        assertThat(unhealthy.body()).isEqualTo("{\"status\":\"unhealthy\",\"problems\":[\"worker: partition 2 stopped\"]}");
        assertThat(admin.get("/health").status()).isEqualTo(200);
    }

    @Test
    void healthAndVersion() {
        assertThat(admin.get("/health").status()).isEqualTo(200);
        AdminClient.Reply version = admin.get("/version");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.header("content-type")).contains("application/json");
        assertThat(version.json().toString()).isEqualTo("{\"version\":\"1.7.0\",\"min_admin_api_version\":2,\"max_admin_api_version\":4,\"ingress_endpoint\":\"" + AdminNode.INGRESS_URL + "\",\"features\":{}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2", "/v3", "/v4"})
    void registersAndListsUnderEveryVersion(String prefix) {
        AdminClient.Reply created = admin.register(endpoint.url(), "");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").textValue();
        assertThat(created.header("location")).contains("deployments/" + id);
        assertThat(fieldNames(created.json())).containsExactly("id", "services", "min_protocol_version", "max_protocol_version", "sdk_version");

        JsonNode list = admin.get(prefix + "/deployments").json().get("deployments");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").textValue()).isEqualTo(id);
        assertThat(list.get(0).get("services").toString()).isEqualTo("[{\"name\":\"Greeter\",\"revision\":1},{\"name\":\"Counter\",\"revision\":1}]");

        JsonNode detail = admin.get(prefix + "/deployments/" + id).json();
        assertThat(detail.get("uri").textValue()).isEqualTo(endpoint.url() + "/");
        assertThat(detail.get("http_version").textValue()).isEqualTo("HTTP/2.0");
        assertThat(detail.get("protocol_type").textValue()).isEqualTo("BidiStream");
        assertThat(detail.get("services").get(1).get("handlers")).hasSize(2);

        assertThat(admin.get(prefix + "/services").json().get("services")).extracting(s -> s.get("name").textValue()).containsExactly("Counter", "Greeter");
        assertThat(admin.get(prefix + "/services/Counter").json().get("ty").textValue()).isEqualTo("VirtualObject");
        assertThat(admin.get(prefix + "/services/Counter/handlers").json().get("handlers")).extracting(h -> h.get("name").textValue())
                .containsExactly("add", "get");
        assertThat(admin.get(prefix + "/services/Counter/handlers/get").json().get("ty").textValue()).isEqualTo("Exclusive");
    }

    @Test
    void reRegisteringAnswers200AndForceOverwrites() {
        String id = admin.register(endpoint.url(), "").json().get("id").textValue();
        AdminClient.Reply again = admin.register(endpoint.url(), "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").textValue()).isEqualTo(id);

        AdminClient.Reply forced = admin.register(endpoint.url(), "\"force\":true");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.json().get("services").get(0).get("revision").intValue()).isEqualTo(2);

        // API v2 semantics: force defaults to true (so: overwritten, 201), and an explicit force=false on an existing one is a conflict
        assertThat(admin.post("/v2/deployments", "{\"uri\":\"" + endpoint.url() + "\"}").status()).isEqualTo(201);
        AdminClient.Reply conflict = admin.post("/v2/deployments", "{\"uri\":\"" + endpoint.url() + "\",\"force\":false}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("message").textValue()).isEqualTo("Conflict: deployment " + id + " already exists");
    }

    @Test
    void dryRunRegistersNothing() {
        AdminClient.Reply dry = admin.register(endpoint.url(), "\"dry_run\":true");
        assertThat(dry.status()).isEqualTo(201);
        assertThat(dry.json().get("services")).hasSize(2);
        assertThat(admin.get("/deployments").json().get("deployments")).isEmpty();
        assertThat(admin.get("/services/Greeter").status()).isEqualTo(404);
    }

    @Test
    void removingNeedsForce() {
        String id = admin.register(endpoint.url(), "").json().get("id").textValue();
        AdminClient.Reply graceful = admin.delete("/deployments/" + id);
        assertThat(graceful.status()).isEqualTo(501);
        assertThat(graceful.json().get("message").textValue()).contains("force=true");

        AdminClient.Reply removed = admin.delete("/v4/deployments/" + id + "?force=true");
        assertThat(removed.status()).isEqualTo(202);
        assertThat(removed.body()).isEmpty();
        assertThat(admin.get("/services").json().get("services")).isEmpty();
        assertError(admin.delete("/deployments/" + id + "?force=true"), 404, "The requested deployment '" + id + "' does not exist", null);
    }

    @Test
    void lookupsOfWhatDoesNotExist() {
        assertError(admin.get("/services/Nope"), 404, "The requested service 'Nope' does not exist", null);
        admin.register(endpoint.url(), "");
        assertError(admin.get("/services/Counter/handlers/nope"), 404, "The requested handler 'nope' on service 'Counter' does not exist", null);
        assertError(admin.get("/deployments/dp_15rDUa6Wz3jH7EmYegZvFkJ"), 404, "The requested deployment 'dp_15rDUa6Wz3jH7EmYegZvFkJ' does not exist", null);
        assertError(admin.get("/deployments/dp_1xxxx"), 400,
                "The deployment id 'dp_1xxxx' is invalid: expected 22 base62 characters after \"dp_1\", got 4", null);
        assertError(admin.get("/nope"), 404, "There is no admin API route GET /nope", null);
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        assertError(admin.post("/deployments", "{\"uri\":\"x"), 400, "Failed to parse the request body as JSON: Unexpected end-of-input", null);
        assertError(admin.post("/deployments", ""), 400, "The request body is empty; expected a JSON object", null);
        assertError(admin.post("/deployments", "{\"ur\":\"x\"}"), 400, "The request body must have the field \"uri\"", null);
        assertError(admin.post("/deployments", "{\"uri\":1}"), 400, "The request field 'uri' is invalid. Reason: it must be a string", null);
        assertError(admin.post("/deployments", "{\"uri\":\"http://h:1\",\"force\":\"yes\"}"), 400,
                "The request field 'force' is invalid. Reason: it must be true or false, got \"yes\"", null);
        assertError(admin.post("/deployments", "{\"uri\":\"http://h:1\",\"additional_headers\":{\"a\":1}}"), 400,
                "The request field 'additional_headers' is invalid. Reason: the value of 'a' must be a string, got 1", null);
        assertError(admin.post("/deployments", "{\"uri\":\"notauri\"}"), 400,
                "The provided uri notauri is not absolute, only absolute URIs can be used.", null);
        assertError(admin.post("/deployments", "{\"arn\":\"arn:aws:lambda:eu-central-1:1:function:f:1\"}"), 400,
                "Lambda deployments (\"arn\") are not supported", null);
    }

    @Test
    void discoveryFailuresCarryRestateCodes() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertError(admin.register("http://127.0.0.1:" + closed, ""), 400, "[META0003] the deployment endpoint http://127.0.0.1:" + closed
                + "/discover could not be reached: connection refused", "META0003");

        endpoint.manifest(manifestOf().replace("\"maxProtocolVersion\":7", "\"maxProtocolVersion\":4").replace("\"minProtocolVersion\":5", "\"minProtocolVersion\":1"));
        assertError(admin.register(endpoint.url(), ""), 400, "[META0012] unsupported service protocol versions: [1, 4]", "META0012");

        endpoint.manifest(manifestOf(service("Greeter", "SERVICE", "greet")));
        admin.register(endpoint.url() + "/a", "");
        endpoint.manifest(manifestOf(service("Greeter", "VIRTUAL_OBJECT", "greet")));
        assertError(admin.register(endpoint.url() + "/b", ""), 409, "[META0006] detected a new service revision for 'Greeter'", "META0006");
        assertThat(admin.register(endpoint.url() + "/b", "\"breaking\":true").status()).isEqualTo(201);

        endpoint.manifest(manifestOf(service("Bad", "SERVICE", "a-b")));
        assertError(admin.register(endpoint.url() + "/c", ""), 400, "[META0013] the name of a handler 'a-b'", "META0013");
        endpoint.manifest(manifestOf("{\"name\":\"S\",\"ty\":\"SERVICE\",\"handlers\":[{\"name\":\"h\",\"ty\":\"EXCLUSIVE\"}]}"));
        assertError(admin.register(endpoint.url() + "/d", ""), 400, "[META0005] the handler 'S/h' is declared EXCLUSIVE", "META0005");
    }

    @Test
    void aDeploymentsFaultIsA4xxThatSaysWhich() throws Exception {
        endpoint.answer(200, Map.of("content-type", ManifestServer.V4), "<html>not json</html>");
        assertError(admin.register(endpoint.url() + "/notjson", ""), 400, "[META0013] the endpoint's manifest is not valid JSON", "META0013");

        endpoint.manifest(manifestOf(service("Greeter", "SERVICE", "greet")).replace("\"protocolMode\":\"BIDI_STREAM\",", ""));
        assertError(admin.register(endpoint.url() + "/nomode", ""), 400, "[META0013] the manifest has no protocolMode; it must be BIDI_STREAM or REQUEST_RESPONSE", "META0013");

        endpoint.manifest(manifestOf(service("Bad Name", "SERVICE", "greet")));
        assertError(admin.register(endpoint.url() + "/badname", ""), 400, "[META0013] the name of a service 'Bad Name'", "META0013");

        endpoint.manifest(manifestOf(service("Greeter", "SERVICE", "greet")).replace("\"minProtocolVersion\":5", "\"minProtocolVersion\":8")
                .replace("\"maxProtocolVersion\":7", "\"maxProtocolVersion\":9"));
        assertError(admin.register(endpoint.url() + "/newer", ""), 400, "[META0012] unsupported service protocol versions: [8, 9]", "META0012");

        endpoint.answer(503, Map.of("content-type", "text/plain"), "down for maintenance");
        assertError(admin.register(endpoint.url() + "/down", ""), 400, "[META0003]", "META0003");

        // none of them registered anything, and the admin API keeps serving
        assertThat(admin.get("/deployments").json().get("deployments")).isEmpty();
        assertThat(admin.get("/health").status()).isEqualTo(200);
    }

    @Test
    void versionsAndMethods() {
        AdminClient.Reply v1 = admin.get("/v1/deployments");
        assertThat(v1.status()).isEqualTo(400);
        assertError(v1, 400, "Unsupported Admin API version V1. This server supports versions between V2 and V4.", null);
        assertThat(admin.get("/v5/services").status()).isEqualTo(400);
        assertError(admin.send("POST", "/deployments", "{\"uri\":\"" + "x".repeat(1024 * 1024) + "\"}"), 413,
                "The request body is larger than 1048576 bytes", null);

        AdminClient.Reply put = admin.send("PUT", "/deployments", "{}");
        assertError(put, 405, "Method not allowed here; allowed: GET, POST", null);
        assertThat(put.header("allow")).contains("GET, POST");
        assertThat(admin.send("PUT", "/services/Greeter", "{}").status()).isEqualTo(405); // PATCH is routed now
    }

    private static void assertError(AdminClient.Reply reply, int status, String messageStart, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("content-type")).contains("application/json");
        JsonNode json = reply.json();
        assertThat(fieldNames(json)).containsExactly("message", "restate_code");
        assertThat(json.get("message").textValue()).startsWith(messageStart);
        if (code == null) {
            assertThat(json.get("restate_code").isNull()).isTrue();
        } else {
            assertThat(json.get("restate_code").textValue()).isEqualTo(code);
        }
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
