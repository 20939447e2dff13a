package dev.resolute.kernel;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.NetworkService;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.ServiceListen;
import dev.resolute.spi.Transport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves where each service listens and what it advertises, following Restate's cascade:
 * {@code use-random-ports}, {@code listen-mode}, {@code bind-ip} and {@code advertised-host} fall
 * back from a service's section ({@code [admin]}, {@code [ingress]}) to the top level; {@code bind-port},
 * {@code bind-address} and {@code advertised-address} are per service (the top-level ones are the
 * root service's, the fabric's); {@code bind-address} wins over {@code bind-ip}/{@code bind-port}.
 * The services are the ones installed plugins declare.
 */
final class NetworkPlan {
    private final Settings settings;
    private final Map<String, NetworkService> services = new LinkedHashMap<>();

    NetworkPlan(Settings settings, List<NetworkService> services) {
        this.settings = settings;
        services.forEach(s -> this.services.put(s.name(), s));
    }

    /**
     * The services the installed plugins declare, root first, then by name (the order addresses are printed in).
     *
     * @throws IllegalStateException naming the plugins if two declare one service or two declare a root service
     */
    static List<NetworkService> declared(List<PluginFactory> factories) {
        Map<String, String> owners = new LinkedHashMap<>();
        List<NetworkService> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (PluginFactory factory : factories) {
            for (NetworkService service : factory.networkServices()) {
                String owner = owners.putIfAbsent(service.name(), factory.id());
                if (owner != null) {
                    problems.add("plugins " + owner + " and " + factory.id() + " both declare the network service " + service.name());
                    continue;
                }
                if (service.root() && out.stream().anyMatch(NetworkService::root)) {
                    NetworkService other = out.stream().filter(NetworkService::root).findFirst().orElseThrow();
                    problems.add("plugins " + owners.get(other.name()) + " and " + factory.id() + " both declare a root network service ("
                            + other.name() + ", " + service.name() + ")");
                    continue;
                }
                out.add(service);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        out.sort(Comparator.comparing((NetworkService s) -> !s.root()).thenComparing(NetworkService::name));
        return out;
    }

    /** The declared services, in {@link #declared} order. */
    List<NetworkService> services() {
        return List.copyOf(services.values());
    }

    /** A key of {@code service}: the top-level key for the root service, {@code service.key} otherwise. */
    String keyOf(String service, String key) {
        return declaration(service).key(key);
    }

    /** A cascading key: the service's own value, else the global one. */
    Optional<String> cascaded(String service, String key) {
        return settings.find(keyOf(service, key)).or(() -> settings.find(key));
    }

    Set<Transport> transports(String service) {
        return switch (cascaded(service, "listen-mode").orElse("all")) {
            case "tcp" -> EnumSet.of(Transport.TCP);
            case "unix" -> EnumSet.of(Transport.UNIX);
            default -> EnumSet.of(Transport.TCP, Transport.UNIX);
        };
    }

    /** Where the listen mode of {@code service} came from, for messages. */
    String listenModeSource(String service) {
        String own = keyOf(service, "listen-mode");
        String key = settings.find(own).isPresent() ? own : "listen-mode";
        return key + " = \"" + settings.get(key) + "\" (" + settings.origin(key) + ")";
    }

    ServiceListen listen(String service, Path dataDir) {
        boolean random = Boolean.parseBoolean(cascaded(service, "use-random-ports").orElse("false"));
        String addressKey = keyOf(service, "bind-address");
        String portKey = keyOf(service, "bind-port");
        String host;
        int port;
        if (settings.find(addressKey).isPresent()) {
            InetSocketAddress address = (InetSocketAddress) settings.parsed(addressKey);
            host = address.getHostString();
            port = address.getPort();
            portKey = addressKey;
        } else {
            host = cascaded(service, "bind-ip").orElse("0.0.0.0");
            port = Integer.parseInt(settings.get(portKey));
        }
        return new ServiceListen(service, transports(service), new InetSocketAddress(host, random ? 0 : port),
                dataDir.resolve(service + ".sock"), portKey);
    }

    /**
     * The address {@code service} advertises: an explicit {@code advertised-address} (or the
     * deprecated endpoint key), else {@code http://<advertised-host>:<port>/}, else the bound TCP
     * address with a routable IP for a wildcard bind, else the Unix socket.
     */
    String advertised(ServiceListen listen, List<BoundAddress> bound) {
        String service = listen.service();
        Optional<String> explicit = settings.find(keyOf(service, "advertised-address")).or(() -> deprecatedEndpoint(service));
        if (explicit.isPresent()) {
            return explicit.get();
        }
        Optional<BoundAddress> tcp = bound.stream().filter(b -> b.service().equals(service) && b.transport() == Transport.TCP).findFirst();
        int port = tcp.map(b -> Integer.parseInt(b.address().substring(b.address().lastIndexOf(':') + 1))).orElse(listen.tcp().getPort());
        Optional<String> host = cascaded(service, "advertised-host");
        if (host.isPresent()) {
            return "http://" + host.get() + ":" + port + "/";
        }
        if (tcp.isPresent()) {
            InetAddress ip = listen.tcp().getAddress();
            String shown = ip == null || ip.isAnyLocalAddress() ? routableIp() : listen.tcp().getHostString();
            return "http://" + dev.resolute.spi.SocketAddresses.format(shown, port) + "/";
        }
        return "unix:" + listen.unixSocket();
    }

    private Optional<String> deprecatedEndpoint(String service) {
        NetworkService declared = declaration(service);
        return declared.legacyAdvertisedKey().flatMap(legacy -> settings.find(declared.key(legacy)));
    }

    /** Warnings for deprecated keys in use, naming their replacements. */
    List<String> deprecations() {
        List<String> warnings = new ArrayList<>();
        for (NetworkService service : services.values()) {
            if (service.legacyAdvertisedKey().isEmpty()) {
                continue;
            }
            String legacy = service.key(service.legacyAdvertisedKey().get());
            String replacement = service.key("advertised-address");
            if (settings.isSet(legacy)) {
                warnings.add(legacy + " (" + settings.origin(legacy) + ") is deprecated; use " + replacement + " instead"
                        + (settings.isSet(replacement) ? " (it is set and wins)" : ""));
            }
        }
        return warnings;
    }

    private NetworkService declaration(String service) {
        NetworkService declared = services.get(service);
        if (declared == null) {
            throw new IllegalArgumentException("no installed plugin declares the network service " + service);
        }
        return declared;
    }

    /** The first non-loopback IPv4 address of an interface that is up; loopback if there is none. */
    static String routableIp() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback: advertising is best effort, Restate does not validate it either
        }
        return "127.0.0.1";
    }
}
