package dev.resolute.spi.schema;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A registered deployment: an SDK endpoint and the service revisions discovered there.
 *
 * @param id                 {@code dp_1} and 22 base62 characters
 * @param uri                the endpoint, normalized (a bare authority gets the path {@code /}); invocations go to
 *                           its path + {@code /invoke/{service}/{handler}}, keeping its query
 * @param httpVersion        the version discovery used; invocations must use the same
 * @param protocolMode       bidirectional stream or request/response
 * @param minProtocolVersion lowest service protocol version the SDK speaks
 * @param maxProtocolVersion highest service protocol version the SDK speaks
 * @param additionalHeaders  headers to send with every request to the endpoint (lowercase names)
 * @param metadata           what the user registered with the deployment
 * @param sdkVersion         the SDK's {@code x-restate-server} header, if it sent one
 * @param createdAt          when it was registered (or last overwritten), millisecond precision
 * @param services           the revisions it serves, in manifest order; older revisions stay here when
 *                           another deployment takes a service over
 */
public record Deployment(String id, URI uri, HttpVersion httpVersion, ProtocolMode protocolMode,
                         int minProtocolVersion, int maxProtocolVersion, Map<String, String> additionalHeaders,
                         Map<String, String> metadata, Optional<String> sdkVersion, Instant createdAt,
                         List<Service> services) {
    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(httpVersion, "httpVersion");
        Objects.requireNonNull(protocolMode, "protocolMode");
        if (minProtocolVersion < 1 || minProtocolVersion > maxProtocolVersion) {
            throw new IllegalArgumentException("bad protocol range [" + minProtocolVersion + ", " + maxProtocolVersion + "]");
        }
        additionalHeaders = Collections.unmodifiableMap(new TreeMap<>(additionalHeaders));
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        Objects.requireNonNull(sdkVersion, "sdkVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        services = List.copyOf(services);
    }

    /** The revision of {@code serviceName} this deployment serves, if any. */
    public Optional<Service> service(String serviceName) {
        Objects.requireNonNull(serviceName, "serviceName");
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
    }
}
