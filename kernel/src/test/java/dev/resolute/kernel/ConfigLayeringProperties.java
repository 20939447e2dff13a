package dev.resolute.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/** Properties of the cascading configuration: file &lt; env &lt; flags, global &lt; per-service, clamped limits. */
class ConfigLayeringProperties {
    private final List<Path> files = new ArrayList<>();

    @AfterProperty
    void deleteFiles() throws IOException {
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        files.clear();
    }

    /** A key, how to write a value for it in TOML, and values to pick from. */
    record KeyCase(String key, String flag, boolean quoted, List<String> values) {
    }

    static final List<KeyCase> KEYS = List.of(
            new KeyCase("cluster-name", "--cluster-name", true, List.of("alpha", "beta", "gamma-1", "delta")),
            new KeyCase("node-name", "--node-name", true, List.of("n1", "n2", "node-three", "x")),
            new KeyCase("bind-port", "--bind-port", false, List.of("5122", "6000", "7001", "9999")),
            new KeyCase("listen-mode", "--listen-mode", true, List.of("tcp", "unix", "all")),
            new KeyCase("shutdown-timeout", "--shutdown-timeout", true, List.of("10s", "1m", "1h 30m", "PT2M")),
            new KeyCase("admin.bind-port", null, false, List.of("9070", "19070", "29070")),
            new KeyCase("networking.message-size-limit", null, true, List.of("32 MiB", "64 MiB", "1.5 GiB", "1048576")));

    record Layering(KeyCase key, Optional<String> file, Optional<String> env, Optional<String> flag) {
    }

    @Provide
    Arbitrary<Layering> layerings() {
        return Arbitraries.of(KEYS).flatMap(k -> {
            Arbitrary<Optional<String>> value = Arbitraries.of(k.values()).optional(0.6);
            Arbitrary<Optional<String>> flag = k.flag() == null ? Arbitraries.just(Optional.empty()) : value;
            return Combinators.combine(value, value, flag).as((f, e, fl) -> new Layering(k, f, e, fl));
        });
    }

    @Property(tries = 300)
    void theHighestSourceWins(@ForAll("layerings") Layering l) {
        Map<String, String> env = new HashMap<>();
        List<String> args = new ArrayList<>();
        String[] fileName = {""};
        l.file().ifPresent(v -> {
            Path file = toml(tomlLine(l.key(), v));
            fileName[0] = file.getFileName().toString();
            args.add("--config-file=" + file);
        });
        l.env().ifPresent(v -> env.put(EnvVars.nameOf(l.key().key()), v));
        l.flag().ifPresent(v -> {
            args.add(l.key().flag());
            args.add(v);
        });
        Settings settings = resolve(args, env);

        Optional<String> expected = l.flag().or(l::env).or(l::file);
        String origin = settings.origin(l.key().key());
        if (expected.isPresent()) {
            assertThat(settings.get(l.key().key())).isEqualTo(expected.get());
            String layer = l.flag().isPresent() ? "flag " + l.key().flag()
                    : l.env().isPresent() ? "env " + EnvVars.nameOf(l.key().key()) : fileName[0] + ":";
            assertThat(origin).startsWith(layer);
        } else {
            assertThat(origin).isIn("default", "default: host name");
        }
    }

    record Cascade(String service, String key, Optional<String> global, Optional<String> own) {
    }

    static final Map<String, List<String>> CASCADING = Map.of(
            "listen-mode", List.of("tcp", "unix", "all"),
            "use-random-ports", List.of("true", "false"),
            "bind-ip", List.of("127.0.0.1", "0.0.0.0", "10.1.2.3"),
            "advertised-host", List.of("a.example", "b.internal"));

    @Provide
    Arbitrary<Cascade> cascades() {
        return Combinators.combine(Arbitraries.of("admin", "ingress"), Arbitraries.of(CASCADING.keySet())).flatAs((service, key) -> {
            Arbitrary<Optional<String>> value = Arbitraries.of(CASCADING.get(key)).optional(0.6);
            return Combinators.combine(value, value).as((g, o) -> new Cascade(service, key, g, o));
        });
    }

    @Property(tries = 200)
    void perServiceValuesOverrideGlobalOnesForCascadingKeys(@ForAll("cascades") Cascade c) {
        StringBuilder toml = new StringBuilder();
        c.global().ifPresent(v -> toml.append(c.key()).append(" = ").append(literal(c.key(), v)).append('\n'));
        c.own().ifPresent(v -> toml.append('[').append(c.service()).append("]\n").append(c.key()).append(" = ").append(literal(c.key(), v)).append('\n'));
        NetworkPlan plan = plan(List.of("-c", toml(toml.toString()).toString()), Map.of());

        Optional<String> serviceValue = plan.cascaded(c.service(), c.key());
        assertThat(serviceValue).isEqualTo(c.own().or(c::global).or(() -> defaultOf(c.key())));
        // the fabric reads the top-level key only: a per-service value never leaks into it
        assertThat(plan.cascaded("fabric", c.key())).isEqualTo(c.global().or(() -> defaultOf(c.key())));
    }

    @Property(tries = 200)
    void portsAndAddressesArePerServiceAndBindAddressWins(
            @ForAll("ports") Optional<Integer> globalPort, @ForAll("ports") Optional<Integer> adminPort,
            @ForAll("ports") Optional<Integer> adminAddressPort, @ForAll("ports") Optional<Integer> fabricAddressPort) {
        StringBuilder toml = new StringBuilder();
        globalPort.ifPresent(p -> toml.append("bind-port = ").append(p).append('\n'));
        fabricAddressPort.ifPresent(p -> toml.append("bind-address = \"127.0.0.2:").append(p).append("\"\n"));
        toml.append("[admin]\n");
        adminPort.ifPresent(p -> toml.append("bind-port = ").append(p).append('\n'));
        adminAddressPort.ifPresent(p -> toml.append("bind-address = \"127.0.0.3:").append(p).append("\"\n"));
        NetworkPlan plan = plan(List.of("-c", toml(toml.toString()).toString()), Map.of());

        InetSocketAddress admin = plan.listen("admin", Path.of("/tmp/x")).tcp();
        InetSocketAddress fabric = plan.listen("fabric", Path.of("/tmp/x")).tcp();
        InetSocketAddress ingress = plan.listen("ingress", Path.of("/tmp/x")).tcp();
        assertThat(admin.getPort()).isEqualTo(adminAddressPort.or(() -> adminPort).orElse(9070));
        assertThat(admin.getHostString()).isEqualTo(adminAddressPort.isPresent() ? "127.0.0.3" : "0.0.0.0");
        assertThat(fabric.getPort()).isEqualTo(fabricAddressPort.or(() -> globalPort).orElse(5122));
        assertThat(ingress.getPort()).isEqualTo(8080); // the global bind-port is the fabric's, not a default for others
    }

    @Provide
    Arbitrary<Optional<Integer>> ports() {
        return Arbitraries.integers().between(1024, 65535).optional(0.5);
    }

    @Property(tries = 200)
    void componentMessageSizeLimitsDefaultToAndAreClampedByTheNetworkingLimit(
            @ForAll("mebibytes") Optional<Integer> global, @ForAll("mebibytes") Optional<Integer> invoker, @ForAll("mebibytes") Optional<Integer> metadata) {
        StringBuilder toml = new StringBuilder();
        global.ifPresent(m -> toml.append("[networking]\nmessage-size-limit = \"").append(m).append(" MiB\"\n"));
        invoker.ifPresent(m -> toml.append("[worker.invoker]\nmessage-size-limit = \"").append(m).append(" MiB\"\n"));
        metadata.ifPresent(m -> toml.append("[metadata-client]\nmessage-size-limit = \"").append(m).append(" MiB\"\n"));
        Settings settings = resolve(List.of("-c", toml(toml.toString()).toString()), Map.of());

        long g = global.orElse(32) * 1024L * 1024L;
        assertThat((Long) settings.parsed("networking.message-size-limit")).isEqualTo(g);
        assertThat((Long) settings.parsed("worker.invoker.message-size-limit")).isEqualTo(Math.min(invoker.map(m -> m * 1024L * 1024L).orElse(g), g));
        assertThat((Long) settings.parsed("metadata-client.message-size-limit")).isEqualTo(Math.min(metadata.map(m -> m * 1024L * 1024L).orElse(g), g));
    }

    @Provide
    Arbitrary<Optional<Integer>> mebibytes() {
        return Arbitraries.integers().between(1, 4096).optional(0.6);
    }

    @Property(tries = 500)
    void environmentVariableNamesMapToKeyPathsAndBack(@ForAll("keyPaths") List<String> segments) {
        String key = String.join(".", segments);
        String variable = EnvVars.nameOf(key);
        assertThat(variable).startsWith("RESTATE_").matches("[A-Z0-9_]+");
        assertThat(EnvVars.pathOf(variable)).contains(segments);
    }

    @Provide
    Arbitrary<List<String>> keyPaths() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> segment = word.list().ofMinSize(1).ofMaxSize(3).map(ws -> String.join("-", ws));
        return segment.list().ofMinSize(1).ofMaxSize(4);
    }

    private static Optional<String> defaultOf(String key) {
        return Optional.ofNullable(KernelKeys.all(List.of()).stream().filter(k -> k.path().equals(key)).findFirst().orElseThrow().defaultValue());
    }

    private static String literal(String key, String value) {
        return key.equals("use-random-ports") ? value : "\"" + value + "\"";
    }

    private static String tomlLine(KeyCase key, String value) {
        int dot = key.key().lastIndexOf('.');
        String v = key.quoted() ? "\"" + value + "\"" : value;
        return dot < 0 ? key.key() + " = " + v + "\n" : "[" + key.key().substring(0, dot) + "]\n" + key.key().substring(dot + 1) + " = " + v + "\n";
    }

    private Path toml(String text) {
        try {
            Path file = Files.createTempFile("restate", ".toml");
            Files.writeString(file, text);
            files.add(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Settings resolve(List<String> args, Map<String, String> env) {
        return resolved(args, env).settings();
    }

    private static NetworkPlan plan(List<String> args, Map<String, String> env) {
        return resolved(args, env).plan();
    }

    private static Main.Resolved resolved(List<String> args, Map<String, String> env) {
        PluginCatalog catalog = TestPlugins.catalog(TestPlugins.standard(new ArrayList<>(), true));
        return Main.resolve(CommandLine.parse(args.toArray(String[]::new)), env, catalog);
    }
}
