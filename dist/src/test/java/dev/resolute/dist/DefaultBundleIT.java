package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default bundle, started as a real process: listeners, endpoints, addresses, lifecycle. */
class DefaultBundleIT {
    private static final Path BUNDLE = ServerProcess.DEFAULT_BUNDLE;
    private static final List<String> SERVICES = List.of("fabric", "admin", "ingress");

    @TempDir
    Path tmp;

    @Test
    void allServicesAnswerOnTcpAndUnixSocketsAndSigtermRemovesTheSockets() throws Exception {
        try (ServerProcess server = ServerProcess.startHealthy(BUNDLE, tmp, Map.of())) {
            Map<String, String> addresses = server.addresses();
            Path nodeDir = tmp.resolve("data/n1");
            for (String service : SERVICES) {
                assertThat(ServerProcess.get(server.url(service) + "/health").statusCode()).as(service + " over HTTP/1.1").isEqualTo(200);
                assertThat(Curl.run("--http2-prior-knowledge", server.url(service) + "/health")).as(service + " over h2c").startsWith("200 2\n");
                assertThat(addresses.get(service + ".unix")).isEqualTo(nodeDir.resolve(service + ".sock").toString());
                assertThat(Curl.run("--unix-socket", nodeDir.resolve(service + ".sock").toString(), "http://local/health")).as(service + " over its socket").startsWith("200 1.1\n");
                assertThat(Curl.run("--http2-prior-knowledge", "--unix-socket", nodeDir.resolve(service + ".sock").toString(), "http://local/health"))
                        .as(service + " h2c over its socket").startsWith("200 2\n");
            }
            assertThat(server.terminate()).isIn(0, 143);
            for (String service : SERVICES) {
                assertThat(nodeDir.resolve(service + ".sock")).doesNotExist();
            }
        }
    }

    @Test
    void noLogoPutsTheAddressesFirstAndTheyAreRealPorts() throws Exception {
        try (ServerProcess server = ServerProcess.startHealthy(BUNDLE, tmp, Map.of())) {
            List<String> lines = Files.readAllLines(server.stdout);
            assertThat(lines.subList(0, 12)).allMatch(l -> l.matches("(fabric|admin|ingress|pgwire)\\.(tcp|unix|advertised)=.+"));
            assertThat(lines.get(0)).startsWith("fabric.tcp=0.0.0.0:");
            Map<String, String> addresses = server.addresses();
            for (String service : SERVICES) {
                int port = Integer.parseInt(addresses.get(service + ".tcp").replaceAll(".*:", ""));
                assertThat(port).as("random port of " + service).isNotIn(5122, 9070, 8080).isPositive();
                assertThat(addresses.get(service + ".advertised")).matches("http://[0-9.]+:" + port + "/");
            }
            assertThat(ListeningSockets.tcpPorts(server.process.pid())).containsAll(SERVICES.stream()
                    .map(s -> Integer.parseInt(addresses.get(s + ".tcp").replaceAll(".*:", ""))).toList());
        }
    }

    @Test
    void theLogoComesFirstWithoutNoLogo() throws Exception {
        try (ServerProcess server = ServerProcess.start(BUNDLE, tmp, Map.of(), "--use-random-ports", "--base-dir", tmp.resolve("d").toString())) {
            server.awaitHealthy();
            List<String> lines = Files.readAllLines(server.stdout);
            assertThat(lines.get(0)).doesNotContain("=");
            assertThat(String.join("\n", lines)).contains("durable execution, Restate-compatible");
        }
    }

    /** What plugin class loaders take from lib/ (the kernel's PluginClassLoader): a plugin's own copy would never load. */
    private static final List<String> SHARED_PACKAGES = List.of("dev/resolute/spi/", "org/eclipse/jetty/", "org/slf4j/");

    @Test
    void noPluginFolderShipsClassesThatLibSharesWithPlugins() throws Exception {
        Set<String> shared = new HashSet<>();
        for (Path jar : jars(BUNDLE.resolve("lib"))) {
            shared.addAll(sharedClasses(jar));
        }
        assertThat(shared).isNotEmpty();
        List<String> shadowed = new ArrayList<>();
        try (Stream<Path> folders = Files.list(BUNDLE.resolve("plugins"))) {
            for (Path folder : folders.toList()) {
                for (Path jar : jars(folder)) {
                    if (sharedClasses(jar).stream().anyMatch(shared::contains)) {
                        shadowed.add(BUNDLE.relativize(jar).toString());
                    }
                }
            }
        }
        assertThat(shadowed).as("plugin jars whose shared classes lib/ already has").isEmpty();
    }

    private static List<Path> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jar")).toList();
        }
    }

    private static Set<String> sharedClasses(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && SHARED_PACKAGES.stream().anyMatch(n::startsWith)).collect(Collectors.toSet());
        }
    }

    @Test
    void tcpModeCreatesNoSocketFiles() throws Exception {
        try (ServerProcess server = ServerProcess.startHealthy(BUNDLE, tmp, Map.of(), "--listen-mode", "tcp")) {
            assertThat(server.addresses().keySet()).noneMatch(k -> k.endsWith(".unix"));
            try (Stream<Path> files = Files.walk(tmp.resolve("data"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".sock")).toList()).isEmpty();
            }
            assertThat(ServerProcess.get(server.url("admin") + "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unixModeOpensNoTcpPort() throws Exception {
        try (ServerProcess server = ServerProcess.startHealthy(BUNDLE, tmp, Map.of("RESTATE_LISTEN_MODE", "unix"))) {
            assertThat(server.addresses().keySet()).noneMatch(k -> k.endsWith(".tcp"));
            assertThat(ListeningSockets.tcpPorts(server.process.pid())).isEmpty();
            for (String service : SERVICES) {
                assertThat(Curl.run("--unix-socket", tmp.resolve("data/n1/" + service + ".sock").toString(), "http://local/health")).startsWith("200");
                assertThat(server.addresses().get(service + ".advertised")).isEqualTo("unix:" + tmp.resolve("data/n1/" + service + ".sock"));
            }
        }
    }

    @Test
    void perServiceListenModeOverridesTheGlobalOne() throws Exception {
        Path config = tmp.resolve("restate.toml");
        Files.writeString(config, "listen-mode = \"tcp\"\n[admin]\nlisten-mode = \"unix\"\n");
        try (ServerProcess server = ServerProcess.startHealthy(BUNDLE, tmp, Map.of(), "-c", config.toString())) {
            Map<String, String> addresses = server.addresses();
            assertThat(addresses).containsKeys("fabric.tcp", "ingress.tcp", "admin.unix").doesNotContainKeys("admin.tcp", "fabric.unix", "ingress.unix");
        }
    }

    @Test
    void twoInstancesRunSideBySide() throws Exception {
        try (ServerProcess one = ServerProcess.startHealthy(BUNDLE, tmp.resolve("one"), Map.of());
             ServerProcess two = ServerProcess.startHealthy(BUNDLE, tmp.resolve("two"), Map.of())) {
            assertThat(one.url("admin")).isNotEqualTo(two.url("admin"));
            for (ServerProcess server : List.of(one, two)) {
                for (String service : SERVICES) {
                    assertThat(ServerProcess.get(server.url(service) + "/health").statusCode()).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void fabricServesPrometheusMetricsAndGrpcHealth() throws Exception {
        try (ServerProcess server = ServerProcess.startHealthy(BUNDLE, tmp, Map.of())) {
            ServerProcess.get(server.url("admin") + "/health");
            var metrics = ServerProcess.get(server.url("fabric") + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(metrics.body()).contains("jvm_memory_used_bytes").containsPattern("service=\"admin\"").containsPattern("transport=\"tcp\"");

            int port = Integer.parseInt(server.url("fabric").replaceAll(".*:", ""));
            ManagedChannel channel = Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
            try {
                HealthCheckResponse response = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.newBuilder().setService("").build());
                assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aBusyPortIsAClearErrorAndANonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            int port = taken.getLocalPort();
            ServerProcess server = ServerProcess.start(BUNDLE, tmp, Map.of("RESTATE_ADMIN__BIND_PORT", String.valueOf(port)),
                    "--no-logo", "--base-dir", tmp.resolve("data").toString(), "--node-name", "n1", "--bind-port", "0", "--listen-mode", "tcp");
            try (server) {
                assertThat(server.awaitExit()).isEqualTo(1);
                assertThat(server.errors()).contains("plugin listener-tcp failed to start: admin cannot listen on 0.0.0.0:" + port
                        + ": address already in use; change admin.bind-port (or RESTATE_ADMIN__BIND_PORT), or set use-random-ports = true");
                // nothing after the bind phase ran: storage never opened, so the node directory stays empty
                try (Stream<Path> files = Files.list(tmp.resolve("data/n1"))) {
                    assertThat(files.toList()).isEmpty();
                }
            }
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path nodeDir = tmp.resolve("data/n1");
        Files.createDirectories(nodeDir);
        Path stale = nodeDir.resolve("admin.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(stale)); // closing leaves the file, as a crash does
        }
        assertThat(stale).exists();
        try (ServerProcess server = ServerProcess.startHealthy(BUNDLE, tmp, Map.of())) {
            assertThat(Curl.run("--unix-socket", stale.toString(), "http://local/health")).startsWith("200");
        }
    }

    @Test
    void configProblemsStopTheStartWithExitCode2() throws Exception {
        Path config = tmp.resolve("restate.toml");
        Files.writeString(config, "[admin]\nbind-prot = 1\n");
        ServerProcess server = ServerProcess.start(BUNDLE, tmp, Map.of("RESTATE_SHUTDOWN_TIMEOUT", "soon"), "-c", config.toString());
        try (server) {
            assertThat(server.awaitExit()).isEqualTo(2);
            assertThat(server.errors()).contains("2 config problems:")
                    .contains("admin.bind-prot = 1 (restate.toml:2): unknown key; did you mean \"admin.bind-port\"?")
                    .contains("shutdown-timeout = \"soon\" (env RESTATE_SHUTDOWN_TIMEOUT): expected a duration");
        }
    }

    @Test
    void dumpConfigPrintsTheEffectiveConfigurationAsToml() throws Exception {
        ServerProcess server = ServerProcess.start(BUNDLE, tmp, Map.of("RESTATE_ADMIN__BIND_PORT", "19070"), "--dump-config", "--node-name=dumped",
                "--advertised-host", "example.internal");
        try (server) {
            assertThat(server.awaitExit()).isEqualTo(0);
            String toml = Files.readString(server.stdout);
            assertThat(toml).contains("node-name = \"dumped\"", "advertised-host = \"example.internal\"", "listen-mode = \"all\"", "\n[admin]\n");
            var parsed = new com.fasterxml.jackson.dataformat.toml.TomlMapper().readTree(toml);
            assertThat(parsed.at("/networking/message-size-limit").asText()).isEqualTo("32 MiB");
            assertThat(parsed.at("/worker/invoker/message-size-limit").asText()).isEqualTo("32 MiB");
            assertThat(parsed.at("/storage/engine").asText()).isEqualTo("lmdb");
            assertThat(parsed.at("/admin/bind-port").asInt()).isEqualTo(19070);
        }
    }

    @Test
    void advertisedHostBuildsEveryServiceUrlAndExplicitAddressesWin() throws Exception {
        try (ServerProcess server = ServerProcess.startHealthy(BUNDLE, tmp, Map.of("RESTATE_INGRESS__ADVERTISED_ADDRESS", "https://api.example.com/"),
                "--advertised-host", "restate.internal")) {
            Map<String, String> addresses = server.addresses();
            String adminPort = addresses.get("admin.tcp").replaceAll(".*:", "");
            assertThat(addresses.get("admin.advertised")).isEqualTo("http://restate.internal:" + adminPort + "/");
            assertThat(addresses.get("ingress.advertised")).isEqualTo("https://api.example.com/");
        }
    }

    @Test
    void helpAndVersionAnswerAndExit() throws Exception {
        ServerProcess help = ServerProcess.start(BUNDLE, tmp.resolve("h"), Map.of(), "--help");
        try (help) {
            assertThat(help.awaitExit()).isZero();
            assertThat(Files.readString(help.stdout)).contains("--listen-mode", "RESTATE_LISTEN_MODE", "--dump-config");
        }
        ServerProcess version = ServerProcess.start(BUNDLE, tmp.resolve("v"), Map.of(), "-V");
        try (version) {
            assertThat(version.awaitExit()).isZero();
            assertThat(Files.readString(version.stdout)).startsWith("restate-server (Resolute) 0.1.0");
        }
    }
}
