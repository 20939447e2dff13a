package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official CLI's {@code whoami}, {@code deployments} and {@code services} commands against a fresh server. */
class CliDeploymentsIT {
    @TempDir
    Path tmp;
    private ServerProcess server;
    private RestateCli cli;

    // opened after the services, so closed before them: their HTTP/2 server exits only once its connections end
    /** The server, with {@link #cli} pointed at it. */
    private ServerProcess startServer() throws Exception {
        server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp");
        cli = new RestateCli(server.url("admin"), tmp.resolve("cli"));
        return server;
    }

    @Test
    void whoamiFindsAHealthyAdminApiAndTheAdvertisedIngress() throws Exception {
        try (ServerProcess started = startServer()) {
            String whoami = cli.ok("whoami");
            assertThat(whoami).contains("Admin base URL    " + server.url("admin") + "/",
                    "[OK]: Admin Service '" + server.url("admin") + "/' is healthy!",
                    "Advertised ingress address  " + server.addresses().get("ingress.advertised"),
                    "Supported admin API  [2,3,4]");
        }
    }

    @Test
    void registeringAgainChangesNothingUnlessForced() throws Exception {
        try (SdkServices services = SdkServices.typescript(false, tmp.resolve("exec.log"));
             ServerProcess started = startServer()) {
            String first = cli.ok("deployments", "register", services.uri(), "--yes");
            String id = registeredId(first);
            assertThat(first).contains("[OK]: DEPLOYMENT:").containsPattern("Flow +1");

            assertThat(cli.ok("deployments", "register", services.uri(), "--yes"))
                    .contains("Deployment already exists with id " + id, "No changes will be made.");

            String forced = cli.ok("deployments", "register", services.uri(), "--force", "--yes");
            assertThat(forced).contains("This deployment is already known to the server under the ID \"" + id + "\"",
                    "Deployment ID:  " + id).containsPattern("Flow +2");
            assertThat(cli.ok("services", "describe", "Flow")).containsPattern("Revision: +2").contains(id);
        }
    }

    @Test
    void aBreakingChangeIsRefusedUntilAllowed() throws Exception {
        try (SdkServices engine = SdkServices.typescript(false, tmp.resolve("exec.log"));
             SdkServices retyped = SdkServices.typescript(false, tmp.resolve("retyped.log"), "--module=./retyped-services");
             ServerProcess started = startServer()) {
            cli.ok("deployments", "register", engine.uri(), "--yes");

            String refused = cli.fails("deployments", "register", retyped.uri(), "--yes");
            assertThat(refused).contains("Breaking changes detected:", "changing the service type",
                    "restate deployment register " + retyped.uri() + "/ --breaking", "Error: Registration failed");

            cli.ok("deployments", "register", retyped.uri(), "--breaking", "--yes");
            assertThat(cli.ok("services", "list")).containsPattern("Flow +2 +virtual object +HTTP");
            // the first deployment now hosts an older revision of Flow: listed, but not as the latest
            String list = cli.ok("deployments", "list");
            assertThat(list).contains(engine.uri() + "/", retyped.uri() + "/", "- Flow [1]", "- Flow [2]");
        }
    }

    @Test
    void describeShowsTheConnectionOptionsRegisteredWithIt() throws Exception {
        try (SdkServices services = SdkServices.typescript(true, tmp.resolve("exec.log"));
             ServerProcess started = startServer()) {
            String registered = cli.ok("deployments", "register", services.uri(), "--use-http1.1",
                    "--metadata", "team=core", "--extra-header", "x-team=core", "--yes");
            String id = registeredId(registered);

            String described = cli.ok("deployments", "describe", id);
            assertThat(described).containsPattern("ID: +" + id).containsPattern("Transport: +HTTP/1.1")
                    .containsPattern("Protocol Style: +Request/Response").containsPattern("Endpoint: +" + services.uri() + "/")
                    .containsPattern("Deployment Additional Header: +x-team: core").containsPattern("team: +core")
                    .containsPattern("SDK Version +restate-sdk-typescript/").containsPattern("Protocol: +\\[5, 7\\]")
                    .containsPattern("- Tally\\s+Type: VirtualObject").containsPattern("Revision: 1 \\[Latest\\]")
                    .containsPattern("slowAppend +application/json +application/json");
            assertThat(cli.ok("deployments", "list")).containsPattern(services.uri() + "/ +HTTP +" + id);
            assertThat(cli.fails("deployments", "describe", "dp_11111111111111111111111")).contains("404");
        }
    }

    @Test
    void servicesListDescribeAndConfig() throws Exception {
        try (SdkServices services = SdkServices.typescript(false, tmp.resolve("exec.log"));
             ServerProcess started = startServer()) {
            cli.ok("deployments", "register", services.uri(), "--yes");
            assertThat(cli.ok("services", "list")).containsPattern("\\[public\\] +Approval +1 +workflow +HTTP")
                    .containsPattern("\\[public\\] +Tally +1 +virtual object +HTTP").containsPattern("\\[public\\] +Flow +1 +HTTP");
            assertThat(cli.ok("services", "describe", "Doomed")).containsPattern("Service type: +Service")
                    .containsPattern("alwaysFails +application/json");
            // Doomed's manifest retry policy: two attempts, then kill
            assertThat(cli.ok("services", "config", "view", "Doomed")).containsPattern("Max attempts: +2")
                    .containsPattern("On max attempts: +Kill").containsPattern("Initial interval: +50ms");

            cli.editorWrites("public = false\ninactivity_timeout = \"2min\"\nabort_timeout = \"5min\"\njournal_retention = \"2days\"\n");
            String edited = cli.ok("services", "config", "edit", "Tally", "--yes");
            assertThat(cli.editorSaw()).contains("# public = true", "# inactivity_timeout = \"1min\"").doesNotContain("# workflow_completion_retention =");
            assertThat(edited).containsPattern("Inactivity timeout: +2m").contains("Auto-confirming --yes is set.");
            assertThat(cli.ok("services", "config", "view", "Tally")).containsPattern("Public: +false")
                    .containsPattern("Inactivity timeout: +2m").containsPattern("Abort timeout: +5m").containsPattern("Journal retention: +2d");
            assertThat(Http.post(server.url("ingress") + "/Tally/t/add", "1").statusCode()).isEqualTo(400);

            cli.editorWrites("public = maybe\n");
            assertThat(cli.fails("services", "config", "edit", "Tally", "--yes")).contains("Cannot parse the edited config file");
        }
    }

    @Test
    void removeTakesADrainedDeploymentAndAnActiveOneOnlyWithForce() throws Exception {
        try (SdkServices first = SdkServices.typescript(false, tmp.resolve("first.log"));
             SdkServices second = SdkServices.typescript(false, tmp.resolve("second.log"));
             ServerProcess started = startServer()) {
            String older = registeredId(cli.ok("deployments", "register", first.uri(), "--yes"));
            // the same services again: every one of them moves to the newer deployment
            String newer = registeredId(cli.ok("deployments", "register", second.uri(), "--yes"));

            assertThat(cli.ok("services", "describe", "Flow")).contains("Older Revisions", "ACTIVE-INVOCATIONS", older)
                    .containsPattern("Revision: +2");
            assertThat(cli.ok("deployments", "describe", older, "--extra")).containsPattern("Status: +Drained")
                    .containsPattern("Invocations: +0");
            assertThat(cli.ok("deployments", "list", "--extra")).containsPattern(first.uri() + "/ +HTTP +Drained +0 +" + older)
                    .containsPattern(second.uri() + "/ +HTTP +Active +0 +" + newer);

            assertThat(cli.ok("deployments", "remove", older, "--yes")).contains("The deployment is fully drained and is safe to remove",
                    "Deployment " + older + " removed successfully");
            assertThat(cli.fails("deployments", "remove", newer, "--yes")).contains("Deployment is still Active", "--force");
            assertThat(cli.ok("deployments", "remove", newer, "--force", "--yes")).contains("Deployment " + newer + " removed successfully");
            assertThat(cli.ok("deployments", "list")).contains("No deployments were found!");
        }
    }

    private static String registeredId(String registered) {
        return registered.substring(registered.indexOf("Deployment ID:  ") + 16).split("\\s")[0];
    }
}
