package dev.resolute.admin;

import static dev.resolute.schema.ManifestServer.manifestOf;
import static dev.resolute.schema.ManifestServer.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.schema.ManifestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code PATCH /services/{name}} over real HTTP, the real schema plugin and LMDB. */
class ModifyServiceTest {
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
        assertThat(admin.register(endpoint.url(), "").status()).isEqualTo(201);
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.close();
        node.close();
    }

    @Test
    void answersTheModifiedServiceAsGetDoesAndKeepsItAcrossARestart() throws Exception {
        AdminClient.Reply patched = admin.send("PATCH", "/v4/services/Counter",
                "{\"public\":false,\"idempotency_retention\":\"2h\",\"journal_retention\":\"PT30M\",\"inactivity_timeout\":\"90s\",\"abort_timeout\":\"5m\"}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.header("content-type")).contains("application/json");
        JsonNode service = patched.json();
        assertThat(service.get("public").booleanValue()).isFalse();
        service.get("handlers").forEach(h -> assertThat(h.get("public").booleanValue()).isFalse());
        assertThat(service.get("idempotency_retention").textValue()).isEqualTo("2h");
        assertThat(service.get("journal_retention").textValue()).isEqualTo("30m");
        assertThat(service.get("inactivity_timeout").textValue()).isEqualTo("1m 30s");
        assertThat(service.get("abort_timeout").textValue()).isEqualTo("5m");
        assertThat(admin.get("/services/Counter").json()).isEqualTo(service);

        node.restart();
        admin = new AdminClient(node.url());
        assertThat(admin.get("/services/Counter").json()).isEqualTo(service);
        assertThat(admin.get("/services/Greeter").json().get("public").booleanValue()).isTrue();
    }

    @Test
    void laterPatchesKeepEarlierFieldsAndRediscoveryResetsToTheManifest() throws Exception {
        admin.send("PATCH", "/services/Greeter", "{\"public\":false}");
        JsonNode service = admin.send("PATCH", "/services/Greeter", "{\"abort_timeout\":\"1h\"}").json();
        assertThat(service.get("public").booleanValue()).isFalse();
        assertThat(service.get("abort_timeout").textValue()).isEqualTo("1h");

        // registering the same uri again without force discovers nothing: the change stays
        assertThat(admin.register(endpoint.url(), "").status()).isEqualTo(200);
        assertThat(admin.get("/services/Greeter").json()).isEqualTo(service);

        // as the CLI's help says, "service re-discovery will update the settings based on the service endpoint configuration"
        assertThat(admin.register(endpoint.url(), "\"force\":true").status()).isEqualTo(200);
        JsonNode rediscovered = admin.get("/services/Greeter").json();
        assertThat(rediscovered.get("revision").intValue()).isEqualTo(2);
        assertThat(rediscovered.get("public").booleanValue()).isTrue();
        assertThat(rediscovered.get("abort_timeout").textValue()).isEqualTo("10m");
        node.restart(); // the reset is stored too
        admin = new AdminClient(node.url());
        assertThat(admin.get("/services/Greeter").json()).isEqualTo(rediscovered);

        assertThat(admin.send("PATCH", "/services/Greeter", "{\"public\":false}").json().get("public").booleanValue()).isFalse();
    }

    @Test
    void unknownServiceIs404() {
        AdminClient.Reply reply = admin.send("PATCH", "/services/Nope", "{\"public\":false}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().toString()).isEqualTo("{\"message\":\"The requested service 'Nope' does not exist\",\"restate_code\":null}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json|JSON",
            "[]|JSON object",
            "{\"public\":\"no\"}|'public'",
            "{\"journal_retention\":5}|'journal_retention'",
            "{\"abort_timeout\":\"soon\"}|'abort_timeout'",
            "{\"idempotency_retention\":\"-1h\"}|'idempotency_retention'"})
    void badBodyIs400NamingTheField(String body, String named) {
        AdminClient.Reply reply = admin.send("PATCH", "/services/Greeter", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("message").textValue()).contains(named);
        assertThat(admin.get("/services/Greeter").json().get("public").booleanValue()).isTrue();
    }
}
