package dev.resolute.schema;

import dev.resolute.spi.schema.ProtocolMode;
import java.util.List;

/**
 * A validated endpoint manifest.
 *
 * @param version            the manifest format version (1-4) the endpoint answered with
 * @param protocolMode       bidirectional stream or request/response
 * @param minProtocolVersion lowest service protocol version the SDK speaks
 * @param maxProtocolVersion highest service protocol version the SDK speaks
 * @param services           in manifest order
 */
record Manifest(int version, ProtocolMode protocolMode, int minProtocolVersion, int maxProtocolVersion,
                List<DiscoveredService> services) {
    Manifest {
        services = List.copyOf(services);
    }
}
