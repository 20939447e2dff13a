package dev.resolute.admin;

import static dev.resolute.schema.ManifestServer.manifestOf;
import static dev.resolute.schema.ManifestServer.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schema.ManifestServer;
import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.spi.invocation.ObjectStates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /services/{name}/state} over real HTTP and the real schema plugin: what reaches the worker's
 * {@link ObjectStates} for each body shape the CLI and restate-server 1.7.12 accept, and the errors for what they
 * refuse. (That the engine applies it in order with the object's inbox: dist's AdminStateIT.)
 */
class ModifyStateTest {
    @TempDir
    Path dir;

    private record Replacement(String service, String key, Map<String, byte[]> state, Optional<String> version) {
    }

    private final List<Replacement> replaced = new ArrayList<>();
    private CompletableFuture<Void> answer = CompletableFuture.completedFuture(null);
    private AdminNode node;
    private ManifestServer endpoint;
    private AdminClient admin;

    @BeforeEach
    void start() throws Exception {
        node = AdminNode.start(dir, (service, key, state, version) -> {
            replaced.add(new Replacement(service, key, state, version));
            return answer;
        });
        endpoint = new ManifestServer().manifest(manifestOf(service("Greeter", "SERVICE", "greet"),
                service("Counter", "VIRTUAL_OBJECT", "add", "get"), service("Signup", "WORKFLOW", "run")));
        admin = new AdminClient(node.url());
        assertThat(admin.register(endpoint.url(), "").status()).isEqualTo(201);
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.close();
        node.close();
    }

    @Test
    void byteArraysAndStringsBecomeTheNewStateWithTheVersion() {
        AdminClient.Reply reply = admin.post("/services/Counter/state",
                "{\"object_key\":\"a/b\",\"new_state\":{\"count\":[52,50],\"name\":\"bob\"},\"version\":\"tDqA04Lj3_qJ\",\"scope\":null}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.body()).isEmpty();
        assertThat(replaced).hasSize(1);
        Replacement r = replaced.get(0);
        assertThat(r.service()).isEqualTo("Counter");
        assertThat(r.key()).isEqualTo("a/b");
        assertThat(r.state()).containsOnlyKeys("count", "name");
        assertThat(new String(r.state().get("count"), StandardCharsets.UTF_8)).isEqualTo("42");
        assertThat(new String(r.state().get("name"), StandardCharsets.UTF_8)).isEqualTo("bob");
        assertThat(r.version()).hasValue("tDqA04Lj3_qJ");
    }

    @Test
    void aWorkflowsStateCanBeReplacedToo() {
        assertThat(admin.post("/v4/services/Signup/state", "{\"object_key\":\"w1\",\"new_state\":{}}").status()).isEqualTo(202);
        assertThat(replaced).singleElement().satisfies(r -> {
            assertThat(r.state()).isEmpty();
            assertThat(r.version()).isEmpty();
        });
    }

    @Test
    void anUnknownServiceIs404AndAPlainServiceIs400() {
        AdminClient.Reply unknown = admin.post("/services/Nope/state", "{\"object_key\":\"k\",\"new_state\":{}}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").textValue()).isEqualTo("The requested service 'Nope' does not exist");

        AdminClient.Reply plain = admin.post("/services/Greeter/state", "{\"object_key\":\"k\",\"new_state\":{}}");
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.json().get("message").textValue()).isEqualTo("Cannot modify state for service type Service");
        assertThat(replaced).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"new_state\":{}}|'object_key' is invalid. Reason: it is missing",
        "{\"object_key\":7,\"new_state\":{}}|'object_key' is invalid. Reason: it must be a string, got 7",
        "{\"object_key\":\"k\"}|'new_state' is invalid. Reason: it is missing",
        "{\"object_key\":\"k\",\"new_state\":{\"a\":[1,256]}}|'new_state' is invalid. Reason: the value of 'a' holds 256 at index 1, not a byte (0-255)",
        "{\"object_key\":\"k\",\"new_state\":{\"a\":{}}}|'new_state' is invalid. Reason: the value of 'a' must be an array of bytes (0-255) or a string, got {}",
        "{\"object_key\":\"k\",\"new_state\":{},\"version\":3}|'version' is invalid. Reason: it must be a string, got 3",
        "[]|The request body must be a JSON object, got array",
    })
    void aBadBodyIsA400JsonErrorNamingTheField(String body, String message) {
        AdminClient.Reply reply = admin.post("/services/Counter/state", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("content-type")).hasValue("application/json");
        assertThat(reply.json().get("message").textValue()).endsWith(message);
        assertThat(replaced).isEmpty();
    }

    @Test
    void aStateChangeTheEngineCannotStoreIs503() {
        answer = CompletableFuture.failedFuture(new InvocationException(InvocationException.Kind.UNAVAILABLE, "partition 3 stopped"));
        AdminClient.Reply reply = admin.post("/services/Counter/state", "{\"object_key\":\"k\",\"new_state\":{}}");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().get("message").textValue()).isEqualTo("partition 3 stopped");
    }

    @Test
    void aNodeWithoutAWorkerAnswers503() throws Exception {
        try (AdminNode noWorker = AdminNode.start(dir.resolve("no-worker"), Optional.empty())) {
            AdminClient other = new AdminClient(noWorker.url());
            assertThat(other.register(endpoint.url(), "").status()).isEqualTo(201);
            AdminClient.Reply reply = other.post("/services/Counter/state", "{\"object_key\":\"k\",\"new_state\":{}}");
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.json().get("message").textValue()).contains("No worker runs on this node", "changing the state of Counter");
        }
    }
}
