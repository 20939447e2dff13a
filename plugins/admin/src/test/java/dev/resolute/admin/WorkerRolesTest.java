package dev.resolute.admin;

import static dev.resolute.schema.ManifestServer.manifestOf;
import static dev.resolute.schema.ManifestServer.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.schema.ManifestServer;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.OnMaxAttempts;
import dev.resolute.spi.schema.RetryOverrides;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the admin API depends on from a worker on the same node: the engine's defaults in service JSON,
 * and the routes that act on the engine, which a node without a worker refuses with a clear error.
 */
class WorkerRolesTest {
    /** Restate's operations on invocations and state, which only an engine can serve. */
    private static final List<String[]> ENGINE_ROUTES = List.of(
            new String[] {"POST", "/query"},
            new String[] {"PATCH", "/v4/invocations/inv_1gdJBtdVEcM942bjcDmb1c1khoaJe11Hbz/cancel"},
            new String[] {"DELETE", "/invocations/inv_1gdJBtdVEcM942bjcDmb1c1khoaJe11Hbz"},
            new String[] {"POST", "/services/Counter/state"});

    @TempDir
    Path dir;

    private ManifestServer endpoint;
    private AdminNode node;

    @BeforeEach
    void startEndpoint() throws Exception {
        endpoint = new ManifestServer().manifest(manifestOf(service("Greeter", "SERVICE", "greet"), service("Counter", "VIRTUAL_OBJECT", "add")));
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        endpoint.close();
    }

    @Test
    void withoutAWorkerRegistrationAndTheApiWorkAndEngineOperationsSayWhyNot() throws Exception {
        node = AdminNode.start(dir, Optional.empty());
        AdminClient admin = new AdminClient(node.url());

        AdminClient.Reply registered = admin.register(endpoint.url(), "");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String id = registered.json().get("id").textValue();
        assertThat(admin.get("/deployments/" + id).status()).isEqualTo(200);
        assertThat(admin.get("/services").json().get("services")).hasSize(2);
        JsonNode counter = admin.get("/services/Counter").json();
        // nothing configured here: what Restate shows without configuration
        assertThat(counter.get("inactivity_timeout").textValue()).isEqualTo("1m");
        assertThat(counter.get("abort_timeout").textValue()).isEqualTo("10m");
        assertThat(counter.get("retry_policy").toString())
                .isEqualTo("{\"initial_interval\":\"500ms\",\"exponentiation_factor\":2.0,\"max_attempts\":70,\"max_interval\":\"1m\",\"on_max_attempts\":\"Pause\"}");

        for (String[] route : ENGINE_ROUTES) {
            AdminClient.Reply refused = admin.send(route[0], route[1], "{}");
            assertThat(refused.status()).as(route[0] + " " + route[1] + ": " + refused.body()).isEqualTo(503);
            assertThat(refused.header("content-type")).contains("application/json");
            assertThat(refused.json().get("message").textValue()).startsWith("No worker runs on this node (its roles do not include \"worker\"), and ")
                    .endsWith(" needs the engine. Send the request to the admin API of a node that runs the worker role.");
            assertThat(refused.json().get("restate_code").isNull()).isTrue();
        }
        assertThat(admin.send("POST", "/query", "{}").json().get("message").textValue()).contains("querying invocations and state (/query)");
        assertThat(admin.get("/nope").status()).as("other unknown routes stay unknown").isEqualTo(404);
    }

    @Test
    void withAWorkerEngineRoutesAreNotRefusedForItsAbsence() throws Exception {
        node = AdminNode.start(dir);
        AdminClient admin = new AdminClient(node.url());
        for (String[] route : ENGINE_ROUTES) {
            AdminClient.Reply reply = admin.send(route[0], route[1], "{}");
            // /query answers 501 here: this node has a worker but not the sql plugin
            assertThat(reply.status()).as(route[0] + " " + route[1] + ": " + reply.body()).isIn(404, 405, 501);
            assertThat(reply.json().get("message").textValue()).doesNotContain("No worker");
        }
    }

    @Test
    void serviceJsonShowsTheWorkersDefaultsUnderTheServicesOwnSettings() throws Exception {
        InvocationOptions configured = new InvocationOptions(Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofSeconds(90)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                new RetryOverrides(Optional.of(Duration.ofMillis(250)), Optional.of(1.5), Optional.of(3), Optional.of(Duration.ofSeconds(10)),
                        Optional.of(OnMaxAttempts.KILL)));
        node = AdminNode.start(dir, Optional.of(configured));
        AdminClient admin = new AdminClient(node.url());
        JsonNode registered = admin.register(endpoint.url(), "").json();
        assertThat(registered.get("services").get(0).get("inactivity_timeout").textValue()).isEqualTo("5s");

        JsonNode counter = admin.get("/services/Counter").json();
        assertThat(counter.get("inactivity_timeout").textValue()).isEqualTo("5s");
        assertThat(counter.get("abort_timeout").textValue()).isEqualTo("1m 30s");
        assertThat(counter.get("retry_policy").toString())
                .isEqualTo("{\"initial_interval\":\"250ms\",\"exponentiation_factor\":1.5,\"max_attempts\":3,\"max_interval\":\"10s\",\"on_max_attempts\":\"Kill\"}");
    }
}
