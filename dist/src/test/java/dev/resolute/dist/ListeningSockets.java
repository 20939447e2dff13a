package dev.resolute.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP ports a process listens on, read from /proc (Linux), so a test sees what the kernel sees. */
final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static Set<Integer> tcpPorts(long pid) throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (String listener : tcpListeners(pid)) {
            ports.add(Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1)));
        }
        return ports;
    }

    /**
     * The process's TCP listeners as {@code "tcp 127.0.0.1:8080"} (an IPv4 socket) or {@code "tcp6 <32 hex digits>:8080"}
     * (an IPv6 socket, IPv4-mapped ones included), which is what tells {@code ss -ltn}'s {@code 127.0.0.1:port} from
     * {@code [::ffff:127.0.0.1]:port}.
     */
    static Set<String> tcpListeners(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the fd went away between listing and reading: not a listener we care about
                }
            }
        }
        Set<String> listeners = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", String.valueOf(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file); // once: the table is the namespace's, other processes change it
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    listeners.add(table + " " + (table.equals("tcp") ? ipv4(local[0]) : local[0]) + ":" + Integer.parseInt(local[1], 16));
                }
            }
        }
        return listeners;
    }

    /** /proc/net/tcp writes an IPv4 address as one little-endian hex word. */
    private static String ipv4(String hex) {
        int word = (int) Long.parseLong(hex, 16);
        return (word & 0xff) + "." + (word >>> 8 & 0xff) + "." + (word >>> 16 & 0xff) + "." + (word >>> 24 & 0xff);
    }
}
