package dev.resolute.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registration against the real TypeScript SDK (test-services/typescript, {@code @restatedev/restate-sdk}
 * 1.17.x in real node processes): h2c bidi as {@code restate.serve()} serves, and HTTP/1.1
 * request/response on a node {@code http} server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeScriptSdkTest {
    private static final String SDK = "restate-sdk-typescript/1.17.";

    private TestServices.NodeService h2c;
    private TestServices.NodeService http1;
    private AdminNode node;
    private AdminClient admin;

    @BeforeAll
    void startServices() throws Exception {
        h2c = new TestServices.NodeService(false);
        http1 = new TestServices.NodeService(true);
    }

    @AfterAll
    void stopServices() throws Exception {
        if (h2c != null) {
            h2c.close();
        }
        if (http1 != null) {
            http1.close();
        }
    }

    @BeforeEach
    void startAdmin(@TempDir Path dir) throws Exception {
        node = AdminNode.start(dir);
        admin = new AdminClient(node.url());
    }

    @AfterEach
    void stopAdmin() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void registersTheBidiEndpointOverH2c() {
        AdminClient.Reply created = admin.register(h2c.url(), "");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").textValue();
        assertThat(body.get("sdk_version").textValue()).startsWith(SDK);
        assertThat(body.get("min_protocol_version").intValue()).isEqualTo(5);
        assertThat(body.get("max_protocol_version").intValue()).isEqualTo(7);
        assertThat(body.get("services")).extracting(s -> s.get("name").textValue() + ":" + s.get("ty").textValue())
                .containsExactly("Greeter:Service", "Counter:VirtualObject", "Signup:Workflow");

        JsonNode deployment = admin.get("/deployments").json().get("deployments").get(0);
        assertThat(deployment.get("id").textValue()).isEqualTo(id);
        assertThat(deployment.get("protocol_type").textValue()).isEqualTo("BidiStream");
        assertThat(deployment.get("http_version").textValue()).isEqualTo("HTTP/2.0");

        JsonNode counter = admin.get("/services/Counter").json();
        assertThat(counter.get("enable_lazy_state").booleanValue()).isTrue();
        assertThat(counter.get("retry_policy").toString())
                .isEqualTo("{\"initial_interval\":\"100ms\",\"exponentiation_factor\":2.0,\"max_attempts\":3,\"max_interval\":\"1m\",\"on_max_attempts\":\"Kill\"}");
        assertThat(counter.get("inactivity_timeout").textValue()).isEqualTo("1m");
        assertThat(admin.get("/services/Signup/handlers/run").json().get("ty").textValue()).isEqualTo("Workflow");

        AdminClient.Reply again = admin.register(h2c.url(), "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").textValue()).isEqualTo(id);
        assertThat(node.schemas().resolve("Greeter").orElseThrow().deployment().id()).isEqualTo(id);
    }

    @Test
    void registersTheRequestResponseEndpointOverHttp11() {
        AdminClient.Reply refused = admin.register(http1.url(), "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("message").textValue())
                .contains("could not be reached").contains("\"use_http_11\": true (CLI: --use-http1.1)");

        AdminClient.Reply created = admin.register(http1.url(), "\"use_http_11\":true");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode deployment = admin.get("/deployments/" + created.json().get("id").textValue()).json();
        assertThat(deployment.get("protocol_type").textValue()).isEqualTo("RequestResponse");
        assertThat(deployment.get("http_version").textValue()).isEqualTo("HTTP/1.1");
        assertThat(deployment.get("sdk_version").textValue()).startsWith(SDK);
        assertThat(deployment.get("services")).allSatisfy(s -> assertThat(s.get("inactivity_timeout").textValue()).isEqualTo("0s"));
    }

    @Test
    void anHttp11RegistrationOfAnH2cOnlyEndpointSaysWhy() {
        AdminClient.Reply refused = admin.register(h2c.url(), "\"use_http_11\":true");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("message").textValue())
                .contains("could not be reached") // how the h2-only peer fails an HTTP/1.1 request varies (EOF, bad response)
                .contains("(3 attempts)")
                .endsWith("an endpoint that only speaks HTTP/2 (as restate.serve() in the TypeScript SDK) must be registered without it.");
    }

    @Test
    void aSecondDeploymentTakesTheServicesOver() {
        String first = admin.register(h2c.url(), "").json().get("id").textValue();
        String second = admin.register(http1.url(), "\"use_http_11\":true").json().get("id").textValue();
        JsonNode greeter = admin.get("/services/Greeter").json();
        assertThat(greeter.get("deployment_id").textValue()).isEqualTo(second);
        assertThat(greeter.get("revision").intValue()).isEqualTo(2);
        assertThat(admin.get("/deployments/" + first).json().get("services").get(0).get("revision").intValue()).isEqualTo(1);
    }

    @Test
    void anEndpointThatIsNotThereSaysSo() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        AdminClient.Reply reply = admin.register("http://127.0.0.1:" + closed, "");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("message").textValue()).contains("could not be reached: connection refused");
        assertThat(admin.get("/deployments").json().get("deployments")).isEmpty();
    }

    @Test
    void theRegistrySurvivesARestart() throws Exception {
        admin.register(h2c.url(), "");
        admin.register(http1.url(), "\"use_http_11\":true");
        JsonNode deployments = admin.get("/deployments").json();
        JsonNode services = admin.get("/services").json();

        node.restart();

        assertThat(admin.get("/deployments").json()).isEqualTo(deployments);
        assertThat(admin.get("/services").json()).isEqualTo(services);
        assertThat(admin.register(h2c.url(), "").status()).as("still registered").isEqualTo(200);
    }
}
