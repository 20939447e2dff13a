package dev.resolute.spi;

import java.util.Objects;

/**
 * A socket a listener bound.
 *
 * @param service   the service it serves
 * @param transport TCP or Unix
 * @param address   {@code host:port} for TCP (the real port, also with random ports), the absolute socket path for Unix
 */
public record BoundAddress(String service, Transport transport, String address) {
    public BoundAddress {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
    }
}
