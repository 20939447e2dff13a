package dev.resolute.kernel;

import dev.resolute.spi.BoundAddress;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves where each service listens and what it advertises, following Restate's cascade:
 * {@code use-random-ports}, {@code listen-mode}, {@code bind-ip} and {@code advertised-host} fall
 * back from {@code [admin]}/{@code [ingress]} to the top level; {@code bind-port},
 * {@code bind-address} and {@code advertised-address} are per service (the top-level ones are the
 * fabric's); {@code bind-address} wins over {@code bind-ip}/{@code bind-port}.
 */
final class NetworkPlan {
    private final Settings settings;

    NetworkPlan(Settings settings) {
        this.settings = settings;
    }

    /** A key of {@code service}: the top-level key for the fabric, {@code service.key} otherwise. */
    static String keyOf(String service, String key) {
        return service.equals("fabric") ? key : service + "." + key;
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
        return switch (service) {
            case "admin" -> settings.find("admin.advertised-admin-endpoint");
            case "ingress" -> settings.find("ingress.advertised-ingress-endpoint");
            default -> Optional.empty();
        };
    }

    /** Warnings for deprecated keys in use, naming their replacements. */
    List<String> deprecations() {
        List<String> warnings = new ArrayList<>();
        for (String[] pair : new String[][] {
                {"admin.advertised-admin-endpoint", "admin.advertised-address"},
                {"ingress.advertised-ingress-endpoint", "ingress.advertised-address"}}) {
            if (settings.isSet(pair[0])) {
                warnings.add(pair[0] + " (" + settings.origin(pair[0]) + ") is deprecated; use " + pair[1] + " instead"
                        + (settings.isSet(pair[1]) ? " (it is set and wins)" : ""));
            }
        }
        return warnings;
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
