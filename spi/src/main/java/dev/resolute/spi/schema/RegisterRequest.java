package dev.resolute.spi.schema;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A request to register (discover) an HTTP deployment, as {@code POST /deployments} carries it.
 *
 * @param uri               the SDK endpoint; {@code http} or {@code https}, absolute
 * @param additionalHeaders sent with discovery and with every invocation
 * @param metadata          kept with the deployment
 * @param useHttp11         discover (and invoke) over HTTP/1.1 instead of h2c prior knowledge
 * @param force             overwrite an existing deployment with the same URI; implies {@code breaking}
 * @param breaking          allow a service to change its type
 * @param dryRun            validate and answer as if registered, but store nothing
 */
public record RegisterRequest(URI uri, Map<String, String> additionalHeaders, Map<String, String> metadata,
                              boolean useHttp11, boolean force, boolean breaking, boolean dryRun) {
    public RegisterRequest {
        Objects.requireNonNull(uri, "uri");
        additionalHeaders = Collections.unmodifiableMap(new TreeMap<>(additionalHeaders));
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    /** A plain registration of {@code uri}: h2c, no headers, no force. */
    public static RegisterRequest of(URI uri) {
        return new RegisterRequest(uri, Map.of(), Map.of(), false, false, false, false);
    }
}
