package dev.resolute.admin;

import static dev.resolute.schema.ManifestServer.manifestOf;
import static dev.resolute.schema.ManifestServer.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.schema.ManifestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PATCH /deployments/{id}} over real HTTP, the real schema plugin and LMDB. */
class UpdateDeploymentTest {
    @TempDir
    Path dir;

    private AdminNode node;
    private ManifestServer before;
    private ManifestServer after;
    private AdminClient admin;
    private String id;

    @BeforeEach
    void start() throws Exception {
        node = AdminNode.start(dir);
        before = new ManifestServer().manifest(manifestOf(service("Greeter", "SERVICE", "greet"), service("Counter", "VIRTUAL_OBJECT", "add", "get")));
        after = new ManifestServer().manifest(manifestOf(service("Greeter", "SERVICE", "greet", "wave"),
                service("Counter", "VIRTUAL_OBJECT", "add", "get"), service("Extra", "SERVICE", "run")));
        admin = new AdminClient(node.url());
        id = admin.register(before.url(), "").json().get("id").textValue();
    }

    @AfterEach
    void stop() throws Exception {
        before.close();
        after.close();
        node.close();
    }

    @Test
    void movesTheDeploymentInPlaceAndKeepsItAcrossARestart() throws Exception {
        AdminClient.Reply updated = admin.send("PATCH", "/v4/deployments/" + id,
                "{\"uri\":\"" + after.url() + "\",\"additional_headers\":{\"x-tenant\":\"b\"},\"overwrite\":false}");

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode body = updated.json();
        assertThat(body.get("id").textValue()).isEqualTo(id);
        assertThat(body.get("uri").textValue()).isEqualTo(after.url() + "/");
        assertThat(body.get("additional_headers").toString()).isEqualTo("{\"x-tenant\":\"b\"}");
        assertThat(names(body.get("services"))).containsExactly("Greeter", "Counter", "Extra");
        assertThat(body.get("services").get(0).get("revision").intValue()).isEqualTo(1); // in place: same revision
        assertThat(names(body.get("services").get(0).get("handlers"))).containsExactly("greet", "wave");
        assertThat(after.seen().get(after.seen().size() - 1).headers().get("x-tenant")).isEqualTo("b");
        assertThat(admin.get("/deployments/" + id).json()).isEqualTo(body);
        assertThat(admin.get("/deployments").json().get("deployments")).hasSize(1);

        node.restart();
        admin = new AdminClient(node.url());
        assertThat(admin.get("/deployments/" + id).json()).isEqualTo(body);
        assertThat(admin.get("/services/Extra").json().get("deployment_id").textValue()).isEqualTo(id);
    }

    @Test
    void aDryRunAnswersTheUpdateButStoresNothing() {
        JsonNode stored = admin.get("/deployments/" + id).json();
        AdminClient.Reply dry = admin.send("PATCH", "/deployments/" + id, "{\"uri\":\"" + after.url() + "\",\"dry_run\":true}");

        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("uri").textValue()).isEqualTo(after.url() + "/");
        assertThat(admin.get("/deployments/" + id).json()).isEqualTo(stored);
        assertThat(admin.get("/services/Extra").status()).isEqualTo(404);
    }

    @Test
    void anIncompatibleManifestNeedsOverwrite() {
        after.manifest(manifestOf(service("Greeter", "VIRTUAL_OBJECT", "greet")));
        String body = "{\"uri\":\"" + after.url() + "\"}";

        AdminClient.Reply refused = admin.send("PATCH", "/deployments/" + id, body);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("restate_code").textValue()).isEqualTo("META0016");
        assertThat(refused.json().get("message").textValue()).contains("the service 'Counter' was removed",
                "the service 'Greeter' changed its type from SERVICE to VIRTUAL_OBJECT");
        assertThat(admin.get("/deployments/" + id).json().get("uri").textValue()).isEqualTo(before.url() + "/");

        AdminClient.Reply overwritten = admin.send("PATCH", "/deployments/" + id, "{\"uri\":\"" + after.url() + "\",\"overwrite\":true}");
        assertThat(overwritten.status()).isEqualTo(200);
        assertThat(names(overwritten.json().get("services"))).containsExactly("Greeter");
    }

    @Test
    void withoutAUriItDiscoversTheSameEndpointAgain() {
        before.manifest(manifestOf(service("Greeter", "SERVICE", "greet", "wave"), service("Counter", "VIRTUAL_OBJECT", "add", "get")));
        JsonNode body = admin.send("PATCH", "/deployments/" + id, "{}").json();
        assertThat(body.get("uri").textValue()).isEqualTo(before.url() + "/");
        assertThat(names(body.get("services").get(0).get("handlers"))).containsExactly("greet", "wave");
    }

    @Test
    void unknownMalformedAndBadRequestsAndPut() {
        assertThat(admin.delete("/deployments/" + id + "?force=true").status()).isEqualTo(202);
        AdminClient.Reply unknown = admin.send("PATCH", "/deployments/" + id, "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").textValue()).isEqualTo("The requested deployment '" + id + "' does not exist");

        AdminClient.Reply malformed = admin.send("PATCH", "/deployments/nope", "{}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("message").textValue()).contains("'nope' is invalid");

        String live = admin.register(before.url(), "").json().get("id").textValue();
        AdminClient.Reply badField = admin.send("PATCH", "/deployments/" + live, "{\"use_http_11\":\"yes\"}");
        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.json().get("message").textValue()).contains("'use_http_11'");
        assertThat(admin.send("PATCH", "/deployments/" + live, "not json").status()).isEqualTo(400);

        AdminClient.Reply put = admin.send("PUT", "/deployments/" + live, "{}");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("allow")).contains("GET, DELETE, PATCH");
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(item -> names.add(item.get("name").textValue()));
        return names;
    }
}
