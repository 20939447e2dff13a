package dev.resolute.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.schema.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code restate} CLI (npm {@code @restatedev/restate} 1.7.x) against our admin API,
 * registering the real TypeScript services: it calls {@code /version}, picks API v4, registers with a
 * dry run first, and lists what it finds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestateCliTest {
    private TestServices.NodeService h2c;
    private TestServices.NodeService http1;
    private AdminNode node;
    private Path home;

    @BeforeAll
    void startServices() throws Exception {
        h2c = new TestServices.NodeService(false);
        http1 = new TestServices.NodeService(true);
    }

    @AfterAll
    void stopServices() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {http1, h2c}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @BeforeEach
    void startAdmin(@TempDir Path dir) throws Exception {
        node = AdminNode.start(dir.resolve("data"));
        home = Files.createDirectories(dir.resolve("cli-home"));
    }

    @AfterEach
    void stopAdmin() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void registersAndListsDeploymentsAndServices() throws Exception {
        TestServices.CliRun register = cli("deployments", "register", h2c.url(), "--yes");
        Deployment first = node.schemas().deployments().get(0);
        assertThat(register.output()).contains("SERVICES THAT WILL BE ADDED", "Deployment ID:  " + first.id())
                .containsPattern("Greeter\\s+1").containsPattern("Counter\\s+1").containsPattern("Signup\\s+1");

        assertThat(cli("deployments", "register", h2c.url(), "--yes").output())
                .contains("Deployment already exists with id " + first.id());

        cli("deployments", "register", http1.url(), "--yes", "--use-http1.1");
        Deployment second = node.schemas().deployments().get(1);
        assertThat(second.service("Greeter").orElseThrow().revision()).isEqualTo(2);

        assertThat(cli("deployments", "list").output())
                .contains(h2c.url() + "/", first.id(), "Greeter [1]", http1.url() + "/", second.id(), "Greeter [2]");
        assertThat(cli("services", "list").output())
                .containsPattern("Counter\\s+2\\s+virtual object\\s+HTTP\\s+" + second.id())
                .containsPattern("Signup\\s+2\\s+workflow\\s+HTTP\\s+" + second.id())
                .containsPattern("Greeter\\s+2\\s+HTTP\\s+" + second.id());
        // (services describe and deployments remove also query invocations through POST /query, which comes with the engine)
        assertThat(cli("deployments", "describe", first.id()).output())
                .contains("HTTP/2.0", "Bidirectional Stream", "[5, 7]");
    }

    @Test
    void showsWhyARegistrationFailed() throws Exception {
        TestServices.CliRun refused = TestServices.restate(node.url(), home, "deployments", "register", http1.url(), "--yes");
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("META0014", "could not be reached", "--use-http1.1", "400 Bad Request");
        assertThat(node.schemas().deployments()).isEmpty();
    }

    /** Runs a CLI command that must succeed. */
    private TestServices.CliRun cli(String... args) throws Exception {
        TestServices.CliRun run = TestServices.restate(node.url(), home, args);
        assertThat(run.exitCode()).as("restate " + String.join(" ", args) + ":\n" + run.output()).isZero();
        return run;
    }
}
