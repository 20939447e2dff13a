package dev.resolute.listener.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** What the kernel sees of the listening socket (/proc/net/tcp is IPv4, tcp6 IPv6), as {@code ss -ltn} shows it. */
class FamilyBoundConnectorTest {

    @Test
    void anIpv4LoopbackBindsAnIpv4Socket() throws Exception {
        assertThat(listenersOf("127.0.0.1")).containsExactly("tcp 0100007F");
    }

    @Test
    void theIpv4WildcardBindsAnIpv4Socket() throws Exception {
        assertThat(listenersOf("0.0.0.0")).containsExactly("tcp 00000000");
    }

    @Test
    void theIpv6WildcardStaysIpv6() throws Exception {
        assumeTrue(ipv6Available(), "no IPv6 on this host");
        assertThat(listenersOf("::")).containsExactly("tcp6 00000000000000000000000000000000");
    }

    /** Starts a connector on {@code host} and a random port; returns its LISTEN rows as "table hex-address". */
    private static List<String> listenersOf(String host) throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/net/tcp")), "no /proc/self/net/tcp (not Linux): the kernel's view cannot be read");
        Server server = new Server();
        FamilyBoundConnector connector = new FamilyBoundConnector(server, new HttpConnectionFactory());
        connector.setHost(host);
        connector.setPort(0);
        server.addConnector(connector);
        server.start();
        try {
            return listening(connector.getLocalPort());
        } finally {
            server.stop();
        }
    }

    private static List<String> listening(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> rows = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc/self/net", table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (f[3].equals("0A") && local[1].equals(hexPort)) {
                    rows.add(table + " " + local[0]);
                }
            }
        }
        return rows;
    }

    private static boolean ipv6Available() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet6Address) {
                    return Files.exists(Path.of("/proc/self/net/tcp6"));
                }
            }
        }
        return false;
    }
}
