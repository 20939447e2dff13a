package dev.resolute.admin;

import static dev.resolute.schema.ManifestServer.manifestOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolute.schema.ManifestServer;
import dev.resolute.schema.TestDeployments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /services/{name}/openapi} over real HTTP, the real schema plugin and LMDB. */
class ServiceOpenApiTest {
    private static final String GREETER = """
            {"name":"Greeter","ty":"SERVICE","documentation":"Says hello","handlers":[
              {"name":"greet","documentation":"Greets someone",
               "input":{"required":true,"contentType":"application/json","jsonSchema":{"type":"object","properties":{"name":{"type":"string"}}}},
               "output":{"contentType":"application/json","jsonSchema":{"type":"string"}}},
              {"name":"ping","input":{},"output":{}}]}""";
    private static final String COUNTER = """
            {"name":"Counter","ty":"VIRTUAL_OBJECT","handlers":[
              {"name":"add","ty":"EXCLUSIVE","input":{"contentType":"application/json","jsonSchema":{"type":"integer"}},
               "output":{"contentType":"application/json","jsonSchema":{"type":"integer","minimum":0}}},
              {"name":"get","ty":"SHARED"},
              {"name":"reset","ty":"EXCLUSIVE","ingressPrivate":true}]}""";

    @TempDir
    Path dir;

    private AdminNode node;
    private ManifestServer endpoint;
    private AdminClient admin;

    @BeforeEach
    void start() throws Exception {
        node = AdminNode.start(dir);
        endpoint = new ManifestServer().manifest(manifestOf(GREETER, COUNTER));
        admin = new AdminClient(node.url());
        assertThat(admin.register(endpoint.url(), "").status()).isEqualTo(201);
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.close();
        node.close();
    }

    @Test
    void describesAServiceWithItsHandlersSchemasAndContentTypes() {
        AdminClient.Reply reply = admin.get("/services/Greeter/openapi");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("content-type")).contains("application/json");
        JsonNode doc = reply.json();
        assertOpenApi31(doc);
        assertThat(doc.at("/info/title").textValue()).isEqualTo("Greeter");
        assertThat(doc.at("/info/description").textValue()).isEqualTo("Says hello");
        assertThat(doc.at("/servers/0/url").textValue()).isEqualTo("http://127.0.0.1:18080");
        assertThat(names(doc.get("paths"))).containsExactly("/Greeter/greet", "/Greeter/greet/send", "/Greeter/ping", "/Greeter/ping/send");

        JsonNode greet = doc.at("/paths/~1Greeter~1greet/post");
        assertThat(greet.get("operationId").textValue()).isEqualTo("greet");
        assertThat(greet.get("description").textValue()).isEqualTo("Greets someone");
        assertThat(greet.at("/requestBody/required").booleanValue()).isTrue();
        assertThat(greet.at("/requestBody/content/application~1json/schema")).isEqualTo(json(
                "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}"));
        assertThat(greet.at("/responses/200/content/application~1json/schema")).isEqualTo(json("{\"type\":\"string\"}"));
        assertThat(greet.at("/responses/default/$ref").textValue()).isEqualTo("#/components/responses/Error");
        assertThat(greet.has("parameters")).isFalse();

        JsonNode send = doc.at("/paths/~1Greeter~1greet~1send/post");
        assertThat(send.at("/requestBody/content/application~1json/schema")).isEqualTo(greet.at("/requestBody/content/application~1json/schema"));
        assertThat(resolve(doc, send.at("/parameters/0")).get("name").textValue()).isEqualTo("delay");
        assertThat(resolve(doc, send.at("/parameters/0")).get("in").textValue()).isEqualTo("query");
        assertThat(send.at("/responses/202/$ref").textValue()).isEqualTo("#/components/responses/Send");

        // "input": {} takes no body; "output": {} sets no content type
        JsonNode ping = doc.at("/paths/~1Greeter~1ping/post");
        assertThat(ping.has("requestBody")).isFalse();
        assertThat(ping.at("/responses/200").has("content")).isFalse();

        JsonNode error = doc.at("/components/schemas/Error");
        assertThat(names(error.get("properties"))).contains("code", "message", "source");
        assertThat(resolve(doc, doc.at("/components/responses/Error")).at("/content/application~1json/schema/$ref").textValue())
                .isEqualTo("#/components/schemas/Error");
    }

    @Test
    void keyedServicesTakeTheKeyAsAPathParameterAndLeaveOutPrivateHandlers() {
        JsonNode doc = admin.get("/v4/services/Counter/openapi").json();

        assertOpenApi31(doc);
        assertThat(names(doc.get("paths"))).containsExactly("/Counter/{key}/add", "/Counter/{key}/add/send", "/Counter/{key}/get", "/Counter/{key}/get/send");
        doc.get("paths").forEach(item -> {
            JsonNode key = resolve(doc, item.at("/parameters/0"));
            assertThat(key.get("name").textValue()).isEqualTo("key");
            assertThat(key.get("in").textValue()).isEqualTo("path");
            assertThat(key.get("required").booleanValue()).isTrue();
        });
        JsonNode add = doc.at("/paths/~1Counter~1{key}~1add/post");
        assertThat(add.at("/requestBody/required").booleanValue()).isFalse();
        assertThat(add.at("/requestBody/content/application~1json/schema")).isEqualTo(json("{\"type\":\"integer\"}"));
        assertThat(add.at("/responses/200/content/application~1json/schema")).isEqualTo(json("{\"type\":\"integer\",\"minimum\":0}"));

        // a handler without input or output in its manifest accepts anything and answers JSON, without schemas
        JsonNode get = doc.at("/paths/~1Counter~1{key}~1get/post");
        assertThat(names(get.at("/requestBody/content"))).containsExactly("*/*");
        assertThat(get.at("/requestBody/content/*~1*").has("schema")).isFalse();
        assertThat(names(get.at("/responses/200/content"))).containsExactly("application/json");
    }

    @Test
    void aWorkflowFromTheTypeScriptSdksManifestIsCalledByItsWorkflowId() throws Exception {
        try (ManifestServer typescript = new ManifestServer().manifest(new String(
                TestDeployments.resource("manifests/typescript-sdk-1.17.2.json"), StandardCharsets.UTF_8))) {
            assertThat(admin.register(typescript.url(), "").status()).isEqualTo(201);

            JsonNode doc = admin.get("/services/Signup/openapi").json();

            assertOpenApi31(doc);
            assertThat(names(doc.get("paths"))).contains("/Signup/{key}/run", "/Signup/{key}/run/send", "/Signup/{key}/confirm");
            JsonNode run = doc.at("/paths/~1Signup~1{key}~1run/post");
            assertThat(run.at("/requestBody/required").booleanValue()).isFalse();
            assertThat(names(run.at("/requestBody/content"))).containsExactly("application/json");
            assertThat(names(run.at("/responses/200/content"))).containsExactly("application/json");
            assertThat(resolve(doc, doc.at("/paths/~1Signup~1{key}~1run/parameters/0")).get("in").textValue()).isEqualTo("path");
        }
    }

    @Test
    void anUnknownServiceIsA404WithTheAdminErrorBody() {
        AdminClient.Reply reply = admin.get("/services/Nope/openapi");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("message").textValue()).contains("'Nope'");
        assertThat(admin.post("/services/Greeter/openapi", "{}").status()).isEqualTo(405);
    }

    /** The fields OpenAPI 3.1 requires at the top and on each operation, and every local reference resolving. */
    private static void assertOpenApi31(JsonNode doc) {
        assertThat(doc.get("openapi").textValue()).isEqualTo("3.1.0");
        assertThat(doc.at("/info/title").isTextual()).isTrue();
        assertThat(doc.at("/info/version").isTextual()).isTrue();
        assertThat(doc.get("paths").isObject()).isTrue();
        doc.get("paths").properties().forEach(path -> {
            assertThat(path.getKey()).startsWith("/");
            path.getValue().properties().stream().filter(e -> !e.getKey().equals("parameters")).forEach(operation -> {
                assertThat(operation.getKey()).isEqualTo("post");
                assertThat(operation.getValue().get("responses").isObject()).isTrue();
                operation.getValue().get("responses").properties().forEach(r -> assertThat(r.getKey()).matches("default|[1-5]\\d\\d"));
            });
        });
        assertReferencesResolve(doc, doc);
    }

    private static void assertReferencesResolve(JsonNode doc, JsonNode node) {
        if (node.has("$ref") && node.get("$ref").isTextual()) {
            assertThat(resolve(doc, node).isMissingNode()).as(node.get("$ref").textValue()).isFalse();
        }
        node.forEach(child -> assertReferencesResolve(doc, child));
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        return node.has("$ref") ? doc.at(node.get("$ref").textValue().substring(1)) : node;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
