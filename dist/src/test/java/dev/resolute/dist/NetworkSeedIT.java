package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The networking seed's promises as a user sees them: the address lines first, IPv4 sockets for an IPv4 bind address. */
class NetworkSeedIT {
    private static final String ADDRESS_LINE = "(fabric|admin|ingress|pgwire)\\.(tcp|unix|advertised)=.+";

    @TempDir
    Path tmp;

    @Test
    void withNoLogoTheAddressLinesComeFirstAlsoWhenStderrSharesTheTerminalAndIpv4IsBoundAsIpv4() throws Exception {
        // a key that has no effect here makes the kernel warn at start: the warning must follow the addresses
        Path toml = Files.writeString(tmp.resolve("restate.toml"), "gossip-num-peers = 2\n");
        try (ServerProcess server = ServerProcess.startInterleaved(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("run"), Map.of(),
                "-c", toml.toString(), "--use-random-ports", "--no-logo", "--bind-ip", "127.0.0.1", "--node-name", "n1",
                "--base-dir", tmp.resolve("run/data").toString())) {
            server.awaitHealthy();
            List<String> lines = Files.readAllLines(server.stdout, StandardCharsets.UTF_8);
            long addressLines = lines.stream().filter(l -> l.matches(ADDRESS_LINE)).count();
            assertThat(addressLines).as(server.output()).isEqualTo(12); // 4 services × tcp, unix, advertised
            assertThat(lines.subList(0, 12)).as("the first lines of\n" + String.join("\n", lines)).allMatch(l -> l.matches(ADDRESS_LINE));
            assertThat(lines).as("the warning and the plugin selection follow the addresses")
                    .anyMatch(l -> l.contains("WARN") && l.contains("gossip-num-peers"))
                    .anyMatch(l -> l.contains("plugins installed: "))
                    .noneMatch(l -> l.contains("effective configuration"));

            List<Integer> ports = server.addresses().entrySet().stream().filter(e -> e.getKey().endsWith(".tcp"))
                    .map(e -> Integer.parseInt(e.getValue().substring(e.getValue().lastIndexOf(':') + 1))).toList();
            assertThat(ports).hasSize(4);
            assertThat(ListeningSockets.tcpListeners(server.process.pid())).as("the kernel's tables")
                    .containsExactlyInAnyOrderElementsOf(ports.stream().map(p -> "tcp 127.0.0.1:" + p).toList());
            String ss = ss();
            if (ss == null) {
                System.out.println("NetworkSeedIT: no `ss` on this host; the listeners were checked in /proc only");
            } else {
                for (int port : ports) {
                    assertThat(ss).as("ss -ltn").contains("127.0.0.1:" + port + " ").doesNotContain("[::ffff:127.0.0.1]:" + port + " ");
                }
            }
        }
    }

    @Test
    void theAnyAddressesBindTheirOwnFamily() throws Exception {
        // 0.0.0.0 is IPv4's any address: IPv4 sockets; :: is IPv6's (dual stack, as restate-server binds it)
        for (Map.Entry<String, String> bind : Map.of("0.0.0.0", "0.0.0.0", "::", "00000000000000000000000000000000").entrySet()) {
            Path run = tmp.resolve(bind.getKey().equals("::") ? "ipv6" : "ipv4");
            try (ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, run, Map.of(),
                    "--listen-mode", "tcp", "--bind-ip", bind.getKey())) {
                List<Integer> ports = tcpPorts(server);
                String table = bind.getKey().equals("::") ? "tcp6 " : "tcp ";
                assertThat(ListeningSockets.tcpListeners(server.process.pid())).as("the kernel's tables for --bind-ip " + bind.getKey())
                        .containsExactlyInAnyOrderElementsOf(ports.stream().map(p -> table + bind.getValue() + ":" + p).toList());
                String ss = ss();
                if (ss != null) {
                    for (int port : ports) { // ss shows a dual-stack IPv6 socket as *:port, a v6-only one as [::]:port
                        assertThat(ss).as("ss -ltn for --bind-ip " + bind.getKey())
                                .containsAnyOf(bind.getKey().equals("::") ? new String[] {"*:" + port + " ", "[::]:" + port + " "}
                                        : new String[] {"0.0.0.0:" + port + " "});
                    }
                }
            }
        }
    }

    @Test
    void onARealTerminalTheAddressLinesComeFirst() throws Exception {
        // `script` gives the server a pseudo-terminal as stdout and stderr, as a user's shell does
        Path toml = Files.writeString(tmp.resolve("restate.toml"), "gossip-num-peers = 2\n");
        Path typescript = tmp.resolve("terminal.txt");
        String command = String.join(" ", List.of(ServerProcess.DEFAULT_BUNDLE.resolve("bin/restate-server").toAbsolutePath().toString(),
                "-c", toml.toString(), "--use-random-ports", "--no-logo", "--bind-ip", "127.0.0.1", "--node-name", "n1",
                "--listen-mode", "tcp", "--base-dir", tmp.resolve("tty-data").toString()));
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, typescript.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("script-out.txt").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("RESTATE_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process script = builder.start();
        try {
            Await.until(() -> Files.exists(typescript) && Files.readString(typescript).contains(" ready: node n1"), "the server on a terminal is ready");
            List<String> lines = Files.readString(typescript).lines().map(l -> l.replace("\r", ""))
                    .filter(l -> !l.isBlank() && !l.startsWith("Script started on ")).toList(); // script's own header line
            assertThat(lines.subList(0, 8)).as("the first lines on the terminal:\n" + String.join("\n", lines))
                    .allMatch(l -> l.matches(ADDRESS_LINE))
                    .filteredOn(l -> l.contains(".tcp=")).hasSize(4).allMatch(l -> l.matches(".*=127\\.0\\.0\\.1:\\d+"));
            assertThat(lines).anyMatch(l -> l.contains("WARN") && l.contains("gossip-num-peers"));
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
            script.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<Integer> tcpPorts(ServerProcess server) throws IOException {
        return server.addresses().entrySet().stream().filter(e -> e.getKey().endsWith(".tcp"))
                .map(e -> Integer.parseInt(e.getValue().substring(e.getValue().lastIndexOf(':') + 1))).toList();
    }

    /** {@code ss -ltn} output, or null when the tool is missing. */
    private static String ss() throws IOException, InterruptedException {
        Process ss;
        try {
            ss = new ProcessBuilder("ss", "-ltn").redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return null;
        }
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return ss.waitFor(10, TimeUnit.SECONDS) && ss.exitValue() == 0 ? out : null;
    }
}
