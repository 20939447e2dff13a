package dev.resolute.spi;

import java.net.InetSocketAddress;

/** Parses {@code ip:port} and {@code [ipv6]:port} as Restate's {@code bind-address} accepts them. */
public final class SocketAddresses {
    private SocketAddresses() {
    }

    /**
     * @throws IllegalArgumentException if the text is not {@code host:port} with a port 0-65535
     */
    public static InetSocketAddress parse(String text) {
        String value = text.trim();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("expected host:port");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 address needs brackets: [addr]:port");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be 0-65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** Formats an address as {@code host:port}, bracketing IPv6 literals. */
    public static String format(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
