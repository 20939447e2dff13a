package dev.resolute.kernel;

import static dev.resolute.spi.ConfigKey.of;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigType;
import java.util.ArrayList;
import java.util.List;

/** The configuration keys the kernel owns, with absolute paths, types and defaults. */
final class KernelKeys {
    static final ConfigType LISTEN_MODE = ConfigType.oneOf("tcp", "unix", "all");
    static final List<String> SERVICES = List.of("fabric", "admin", "ingress");
    static final String DEFAULT_ROLES = "[\"http-ingress\", \"admin\", \"worker\", \"log-server\", \"metadata-server\"]";

    private KernelKeys() {
    }

    static List<ConfigKey> all() {
        List<ConfigKey> keys = new ArrayList<>(List.of(
                of("roles", ConfigType.STRING_LIST, DEFAULT_ROLES, "roles this node runs; each selects a role plugin"),
                of("node-name", ConfigType.STRING, null, "unique node name (default: the host name); data lives in <base-dir>/<node-name>/"),
                of("cluster-name", ConfigType.STRING, "localcluster", "cluster name"),
                of("base-dir", ConfigType.STRING, "restate-data", "directory of the node folders (relative to the working directory)"),
                of("shutdown-timeout", ConfigType.DURATION, "1m", "how long a graceful stop may take"),
                of("listen-mode", LISTEN_MODE, "all", "tcp, unix or all; cascades to [admin] and [ingress]"),
                of("use-random-ports", ConfigType.BOOLEAN, "false", "bind free ports; cascades to [admin] and [ingress]"),
                of("bind-ip", ConfigType.IP_ADDRESS, "0.0.0.0", "interface to bind; cascades to [admin] and [ingress]"),
                of("bind-port", ConfigType.PORT, "5122", "port of the fabric service"),
                of("bind-address", ConfigType.SOCKET_ADDRESS, null, "ip:port of the fabric service; wins over bind-ip/bind-port"),
                of("advertised-host", ConfigType.STRING, null, "host name advertised for every service; cascades"),
                of("advertised-address", ConfigType.URL, null, "URL advertised for the fabric service (default: derived)"),
                of("storage.engine", ConfigType.STRING, "lmdb", "storage plugin: lmdb or rocksdb (selects plugin storage-<engine>)"),
                of("networking.message-size-limit", ConfigType.SIZE, "32 MiB", "largest message; default and cap of the component limits"),
                of("worker.invoker.message-size-limit", ConfigType.SIZE, null,
                        "largest journal message from a service (default and cap: networking.message-size-limit)"),
                of("metadata-client.message-size-limit", ConfigType.SIZE, null,
                        "largest metadata message (default and cap: networking.message-size-limit)")));
        service(keys, "admin", 9070);
        service(keys, "ingress", 8080);
        keys.add(of("admin.advertised-admin-endpoint", ConfigType.URL, null, "deprecated: use admin.advertised-address"));
        keys.add(of("ingress.advertised-ingress-endpoint", ConfigType.URL, null, "deprecated: use ingress.advertised-address"));
        return keys;
    }

    private static void service(List<ConfigKey> keys, String service, int port) {
        keys.add(of(service + ".listen-mode", LISTEN_MODE, null, "overrides the global listen-mode for " + service));
        keys.add(of(service + ".use-random-ports", ConfigType.BOOLEAN, null, "overrides the global use-random-ports for " + service));
        keys.add(of(service + ".bind-ip", ConfigType.IP_ADDRESS, null, "overrides the global bind-ip for " + service));
        keys.add(of(service + ".bind-port", ConfigType.PORT, String.valueOf(port), "port of the " + service + " service"));
        keys.add(of(service + ".bind-address", ConfigType.SOCKET_ADDRESS, null, "ip:port of the " + service + " service; wins over bind-ip/bind-port"));
        keys.add(of(service + ".advertised-host", ConfigType.STRING, null, "overrides the global advertised-host for " + service));
        keys.add(of(service + ".advertised-address", ConfigType.URL, null, "URL advertised for " + service + " (default: derived)"));
    }
}
