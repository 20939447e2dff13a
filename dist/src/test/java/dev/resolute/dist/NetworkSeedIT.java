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
