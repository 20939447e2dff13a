package dev.resolute.kernel;

import static dev.resolute.spi.ConfigKey.of;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigType;
import dev.resolute.spi.NetworkService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configuration keys the kernel owns, with absolute paths, types and defaults: its own, and the
 * listener keys of every network service the installed plugins declare.
 */
final class KernelKeys {
    static final ConfigType LISTEN_MODE = ConfigType.oneOf("tcp", "unix", "all");
    static final String DEFAULT_ROLES = "[\"http-ingress\", \"admin\", \"worker\", \"log-server\", \"metadata-server\"]";

    private KernelKeys() {
    }

    /** The kernel's keys and those of {@code services}; the root service's sit among the top-level listener keys. */
    static List<ConfigKey> all(List<NetworkService> services) {
        Optional<NetworkService> root = services.stream().filter(NetworkService::root).findFirst();
        List<NetworkService> sections = services.stream().filter(s -> !s.root()).toList();
        String cascades = "cascades to " + sectionList(sections);
        List<ConfigKey> keys = new ArrayList<>(List.of(
                of("roles", ConfigType.STRING_LIST, DEFAULT_ROLES, "roles this node runs; each selects a role plugin"),
                of("node-name", ConfigType.STRING, null, "unique node name (default: the host name); data lives in <base-dir>/<node-name>/"),
                of("cluster-name", ConfigType.STRING, "localcluster", "cluster name"),
                of("base-dir", ConfigType.STRING, "restate-data", "directory of the node folders (relative to the working directory)"),
                of("shutdown-timeout", ConfigType.DURATION, "1m", "how long a graceful stop may take"),
                of("listen-mode", LISTEN_MODE, "all", "tcp, unix or all; " + cascades),
                of("use-random-ports", ConfigType.BOOLEAN, "false", "bind free ports; " + cascades),
                of("bind-ip", ConfigType.IP_ADDRESS, "0.0.0.0", "interface to bind; " + cascades)));
        root.ifPresent(r -> {
            keys.add(of("bind-port", ConfigType.PORT, String.valueOf(r.defaultPort()), "port of the " + r.name() + " service"));
            keys.add(of("bind-address", ConfigType.SOCKET_ADDRESS, null, "ip:port of the " + r.name() + " service; wins over bind-ip/bind-port"));
        });
        keys.add(of("advertised-host", ConfigType.STRING, null, "host name advertised for every service; cascades"));
        root.ifPresent(r -> keys.add(of("advertised-address", ConfigType.URL, null, "URL advertised for the " + r.name() + " service (default: derived)")));
        keys.addAll(List.of(
                of("storage.engine", ConfigType.STRING, "lmdb", "storage plugin: lmdb or rocksdb (selects plugin storage-<engine>)"),
                of("networking.message-size-limit", ConfigType.SIZE, "32 MiB", "largest message; default and cap of the component limits"),
                of("worker.invoker.message-size-limit", ConfigType.SIZE, null,
                        "largest journal message from a service (default and cap: networking.message-size-limit)"),
                of("metadata-client.message-size-limit", ConfigType.SIZE, null,
                        "largest metadata message (default and cap: networking.message-size-limit)")));
        sections.forEach(s -> section(keys, s));
        for (NetworkService s : services) {
            s.legacyAdvertisedKey().ifPresent(legacy -> keys.add(of(s.key(legacy), ConfigType.URL, null, "deprecated: use " + s.key("advertised-address"))));
        }
        return keys;
    }

    private static void section(List<ConfigKey> keys, NetworkService s) {
        String name = s.name();
        keys.add(of(s.key("listen-mode"), LISTEN_MODE, null, "overrides the global listen-mode for " + name));
        keys.add(of(s.key("use-random-ports"), ConfigType.BOOLEAN, null, "overrides the global use-random-ports for " + name));
        keys.add(of(s.key("bind-ip"), ConfigType.IP_ADDRESS, null, "overrides the global bind-ip for " + name));
        keys.add(of(s.key("bind-port"), ConfigType.PORT, String.valueOf(s.defaultPort()), "port of the " + name + " service"));
        keys.add(of(s.key("bind-address"), ConfigType.SOCKET_ADDRESS, null, "ip:port of the " + name + " service; wins over bind-ip/bind-port"));
        keys.add(of(s.key("advertised-host"), ConfigType.STRING, null, "overrides the global advertised-host for " + name));
        keys.add(of(s.key("advertised-address"), ConfigType.URL, null, "URL advertised for " + name + " (default: derived)"));
    }

    /** {@code [admin] and [ingress]}, as the cascading keys' descriptions name the sections. */
    private static String sectionList(List<NetworkService> sections) {
        List<String> names = sections.stream().map(s -> "[" + s.name() + "]").toList();
        if (names.isEmpty()) {
            return "every service's section";
        }
        return names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
