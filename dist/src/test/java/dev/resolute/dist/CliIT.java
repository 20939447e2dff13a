package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official `restate` CLI (npm @restatedev/restate) registers and lists against the real server. */
class CliIT {
    @TempDir
    Path tmp;

    @Test
    void theOfficialCliRegistersAndLists() throws Exception {
        try (SdkServices services = SdkServices.typescript(false, tmp.resolve("exec.log"));
             ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp")) {
            RestateCli cli = new RestateCli(server.url("admin"), tmp.resolve("cli"));
            String registered = cli.ok("deployments", "register", services.uri(), "--yes");
            assertThat(registered).contains("Flow", "Tally");
            assertThat(cli.ok("deployments", "list")).contains(services.uri().replace("http://", ""), "Flow");
            assertThat(cli.ok("services", "list")).contains("Flow", "Tally", "LazyTally");
            // what the CLI registered is what the ingress invokes
            assertThat(Http.post(server.url("ingress") + "/Flow/noop", null).body()).isEqualTo("\"ok\"");
        }
    }

    /** restate-protocol.md §3.5: the ingress refuses a private service with 400; other services still call it. */
    @Test
    void aServiceMadePrivateWithTheCliIsRefusedAtTheIngressButCallableFromAnotherService() throws Exception {
        try (SdkServices services = SdkServices.typescript(false, tmp.resolve("exec.log"));
             ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp")) {
            String admin = server.url("admin");
            RestateCli cli = new RestateCli(admin, tmp.resolve("cli"));
            cli.ok("deployments", "register", services.uri(), "--yes");
            cli.ok("services", "config", "patch", "Tally", "--public", "false", "--yes");
            assertThat(Http.get(admin + "/services/Tally").body()).contains("\"public\":false");

            var refused = Http.post(server.url("ingress") + "/Tally/private/add", "1");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("{\"code\":400,\"message\":\"the invoked service is not public\",\"source\":\"ingress\"}");
            var viaFlow = Http.post(server.url("ingress") + "/Flow/callTally", "\"private\"");
            assertThat(viaFlow.statusCode()).as(viaFlow.body()).isEqualTo(200);
            assertThat(viaFlow.body()).isEqualTo("1");
        }
    }
}
