package dev.resolute.spi;

/**
 * Traffic counters of one bound socket since start.
 *
 * @param address         what is bound
 * @param connectionsOpen connections open now
 * @param connections     connections accepted in total
 * @param requests        HTTP requests (or HTTP/2 streams) handled in total
 * @param bytesIn         bytes read
 * @param bytesOut        bytes written
 */
public record ListenerStats(BoundAddress address, long connectionsOpen, long connections, long requests, long bytesIn, long bytesOut) {
}
