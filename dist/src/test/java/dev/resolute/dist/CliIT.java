package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
            String admin = server.url("admin");
            String registered = cli(admin, 0, "deployments", "register", services.uri(), "--yes");
            assertThat(registered).contains("Flow", "Tally");
            assertThat(cli(admin, 0, "deployments", "list")).contains(services.uri().replace("http://", ""), "Flow");
            assertThat(cli(admin, 0, "services", "list")).contains("Flow", "Tally", "LazyTally");
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
            cli(admin, 0, "deployments", "register", services.uri(), "--yes");
            cli(admin, 0, "services", "config", "patch", "Tally", "--public", "false", "--yes");
            assertThat(Http.get(admin + "/services/Tally").body()).contains("\"public\":false");

            var refused = Http.post(server.url("ingress") + "/Tally/private/add", "1");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("{\"code\":400,\"message\":\"the invoked service is not public\",\"source\":\"ingress\"}");
            var viaFlow = Http.post(server.url("ingress") + "/Flow/callTally", "\"private\"");
            assertThat(viaFlow.statusCode()).as(viaFlow.body()).isEqualTo(200);
            assertThat(viaFlow.body()).isEqualTo("1");
        }
    }

    private String cli(String adminUrl, int expectedExit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SdkServices.TYPESCRIPT.resolve("node_modules/.bin/restate").toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(tmp, "cli", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("RESTATE_ADMIN_URL", adminUrl);
        builder.environment().put("RESTATE_CLI_CONFIG_HOME", tmp.toString());
        builder.environment().put("HOME", tmp.toString());
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("restate " + String.join(" ", args) + " finished").isTrue();
        String text = Files.readString(output);
        assertThat(process.exitValue()).as("restate " + String.join(" ", args) + ":\n" + text).isEqualTo(expectedExit);
        return text;
    }
}
