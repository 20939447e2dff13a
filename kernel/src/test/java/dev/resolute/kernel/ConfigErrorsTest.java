package dev.resolute.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text of configuration errors: each names key, value, source, expected form and a hint. */
class ConfigErrorsTest {
    @TempDir
    Path dir;

    private Path toml(String text) throws IOException {
        Path file = dir.resolve("restate.toml");
        Files.writeString(file, text);
        return file;
    }

    private static Main.Resolved resolve(List<String> args, Map<String, String> env, boolean withRocksdb) {
        return Main.resolve(CommandLine.parse(args.toArray(String[]::new)), env,
                TestPlugins.catalog(TestPlugins.standard(new ArrayList<>(), withRocksdb)));
    }

    private static ConfigProblems problems(List<String> args, Map<String, String> env) {
        try {
            resolve(args, env, true);
        } catch (ConfigProblems e) {
            return e;
        }
        throw new AssertionError("expected config problems for " + args + " " + env);
    }

    @Test
    void badTypeNamesKeyValueSourceAndExpectedForm() throws IOException {
        Path file = toml("cluster-name = \"c\"\n\n[admin]\nbind-port = 70000\n");
        ConfigProblems e = problems(List.of("-c", file.toString()), Map.of());
        assertThat(e.getMessage()).isEqualTo("1 config problem: admin.bind-port = 70000 (restate.toml:4): expected a port number 0-65535 (0 = any free port)");
    }

    @Test
    void badDurationFromTheEnvironmentNamesTheVariable() {
        ConfigProblems e = problems(List.of(), Map.of("RESTATE_SHUTDOWN_TIMEOUT", "10 parsecs"));
        assertThat(e.getMessage()).isEqualTo("1 config problem: shutdown-timeout = \"10 parsecs\" (env RESTATE_SHUTDOWN_TIMEOUT): "
                + "expected a duration such as \"500ms\", \"10m\", \"1h 30m\" or \"PT1H\"");
    }

    @Test
    void enumValuesGetADidYouMean() {
        ConfigProblems e = problems(List.of("--listen-mode", "tpc"), Map.of());
        assertThat(e.getMessage()).isEqualTo("1 config problem: listen-mode = \"tpc\" (flag --listen-mode): expected one of \"tcp\", \"unix\", \"all\"; did you mean \"tcp\"?");
    }

    @Test
    void unknownKeyGetsADidYouMeanAndItsLine() throws IOException {
        Path file = toml("[ingress]\nbind-prot = 8081\n");
        ConfigProblems e = problems(List.of("-c", file.toString()), Map.of());
        assertThat(e.getMessage()).isEqualTo("1 config problem: ingress.bind-prot = 8081 (restate.toml:2): unknown key; did you mean \"ingress.bind-port\"?");
    }

    @Test
    void everyProblemIsReportedTogether() throws IOException {
        Path file = toml("listen-mode = \"tcp\"\n[storage]\nengine = \"rockdb\"\n[admin]\nbind-port = \"x\"\n");
        ConfigProblems e = problems(List.of("-c", file.toString()), Map.of("RESTATE_INGRESS__BIND_PORT", "-1"));
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).startsWith("2 config problems:\n  (1) ")
                .contains("admin.bind-port = \"x\" (restate.toml:5): expected a port number")
                .contains("ingress.bind-port = \"-1\" (env RESTATE_INGRESS__BIND_PORT): expected a port number");
    }

    @Test
    void missingStoragePluginNamesWhatWhereAndWhatIsInstalled() throws IOException {
        Path file = toml("[storage]\nengine = \"rocksdb\"\n");
        ConfigProblems e = assertThrowsProblems(() -> resolve(List.of("-c", file.toString()), Map.of(), false));
        assertThat(e.problems()).containsExactly("storage.engine = \"rocksdb\" (restate.toml:2) selects plugin \"storage-rocksdb\", which is not installed; "
                + "installed plugins: admin, fabric, ingress, listener-tcp, listener-unix, storage-lmdb, worker");
    }

    @Test
    void misspelledEngineGetsADidYouMean() {
        ConfigProblems e = problems(List.of(), Map.of("RESTATE_STORAGE__ENGINE", "rockdb"));
        assertThat(e.getMessage()).contains("storage.engine = \"rockdb\" (env RESTATE_STORAGE__ENGINE) selects plugin \"storage-rockdb\", which is not installed")
                .endsWith("did you mean \"rocksdb\"?");
    }

    @Test
    void missingListenerAndRolePluginsAreNamed() {
        List<TestPlugins.Factory> plugins = new ArrayList<>(TestPlugins.standard(new ArrayList<>(), false));
        plugins.removeIf(f -> f.id().equals("listener-unix") || f.id().equals("worker"));
        ConfigProblems e = assertThrowsProblems(() -> Main.resolve(CommandLine.parse("--listen-mode=unix"), Map.of(), TestPlugins.catalog(plugins)));
        assertThat(e.getMessage())
                .contains("listen-mode = \"unix\" (flag --listen-mode) for fabric, selects plugin \"listener-unix\", which is not installed")
                .contains("roles (default) includes \"worker\", which selects plugin \"worker\", which is not installed");
    }

    @Test
    void unknownRoleGetsADidYouMean() {
        ConfigProblems e = problems(List.of("--roles", "admin,wroker"), Map.of());
        assertThat(e.getMessage()).contains("unknown role \"wroker\"").endsWith("did you mean \"worker\"?");
    }

    @Test
    void restateKeysWeDoNotImplementAreAcceptedWithOneWarning() throws IOException {
        Path file = toml("default-num-partitions = 8\n[worker.invoker]\ninactivity-timeout = \"5m\"\n[worker.invoker.additional-request-headers]\nx-a = \"b\"\n");
        Main.Resolved resolved = resolve(List.of("-c", file.toString()), Map.of(), true);
        assertThat(resolved.warnings()).hasSize(1);
        assertThat(resolved.warnings().get(0)).startsWith("these Restate configuration keys are accepted but have no effect in Resolute:")
                .contains("default-num-partitions (restate.toml:1)", "worker.invoker.inactivity-timeout (restate.toml:3)",
                        "worker.invoker.additional-request-headers.x-a (restate.toml:5)");
    }

    @Test
    void deprecatedEndpointKeysStillWorkWithAWarningNamingTheReplacement() throws IOException {
        Path file = toml("[admin]\nadvertised-admin-endpoint = \"http://admin.example:9070/\"\n");
        Main.Resolved resolved = resolve(List.of("-c", file.toString()), Map.of(), true);
        assertThat(resolved.warnings()).contains("admin.advertised-admin-endpoint (restate.toml:2) is deprecated; use admin.advertised-address instead");
        NetworkPlan plan = resolved.plan();
        assertThat(plan.advertised(plan.listen("admin", dir), List.of())).isEqualTo("http://admin.example:9070/");
    }

    @Test
    void invalidTomlNamesItsLine() throws IOException {
        Path file = toml("cluster-name = \"a\"\nbind-port = = 3\n");
        ConfigProblems e = problems(List.of("-c", file.toString()), Map.of());
        assertThat(e.getMessage()).startsWith("1 config problem: restate.toml:2: not valid TOML");
    }

    @Test
    void missingConfigFileIsNamed() {
        ConfigProblems e = problems(List.of(), Map.of("RESTATE_CONFIG", dir.resolve("nope.toml").toString()));
        assertThat(e.getMessage()).contains("nope.toml (env RESTATE_CONFIG) does not exist");
    }

    @Test
    void hoconFilesAreAcceptedWithTheirLines() throws IOException {
        Path file = dir.resolve("restate.conf");
        Files.writeString(file, "cluster-name = prod\nadmin {\n  bind-port = 19070\n  bind-prot = 1\n}\n");
        ConfigProblems e = problems(List.of("-c", file.toString()), Map.of());
        assertThat(e.getMessage()).isEqualTo("1 config problem: admin.bind-prot = 1 (restate.conf:4): unknown key; did you mean \"admin.bind-port\"?");
    }

    @Test
    void unknownFlagsAndMissingValuesAreRefusedByName() {
        assertThatThrownBy(() -> CommandLine.parse("--bind-prot=1")).hasMessage("unknown option --bind-prot; did you mean \"--bind-port\"? (see --help)");
        assertThatThrownBy(() -> CommandLine.parse("--node-name")).hasMessage("--node-name needs a value: --node-name=<node-name>");
    }

    @Test
    void flagsTakeBothForms() {
        CommandLine c = CommandLine.parse("--bind-port", "1", "--node-name=n", "--use-random-ports", "--no-logo", "--roles=admin", "--roles", "worker");
        assertThat(c.keyValues()).containsEntry("bind-port", "1").containsEntry("node-name", "n").containsEntry("use-random-ports", "true")
                .containsEntry("roles", "admin,worker");
        assertThat(c.has("--no-logo")).isTrue();
    }

    private static ConfigProblems assertThrowsProblems(Runnable r) {
        try {
            r.run();
        } catch (ConfigProblems e) {
            return e;
        }
        throw new AssertionError("expected config problems");
    }
}
