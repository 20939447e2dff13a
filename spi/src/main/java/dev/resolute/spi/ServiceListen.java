package dev.resolute.spi;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Where one service must listen, resolved from the cascading networking configuration.
 *
 * @param service    the {@linkplain NetworkService#name() name} of a network service a selected plugin declares
 * @param transports which listeners must bind it (from its {@code listen-mode})
 * @param tcp        the TCP address to bind; port 0 when {@code use-random-ports} is on
 * @param unixSocket the socket file, {@code <base-dir>/<node-name>/<service>.sock}
 * @param portKey    the configuration key a user changes to move the TCP port ({@code "admin.bind-port"})
 */
public record ServiceListen(String service, Set<Transport> transports, InetSocketAddress tcp, Path unixSocket, String portKey) {
    public ServiceListen {
        Objects.requireNonNull(service, "service");
        transports = Set.copyOf(transports);
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(unixSocket, "unixSocket");
        Objects.requireNonNull(portKey, "portKey");
    }

    /** The Jetty connector name that routes a request to this service's handler. */
    public String connectorName(Transport transport) {
        return service + "-" + transport.id();
    }
}
