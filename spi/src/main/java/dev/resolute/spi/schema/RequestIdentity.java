package dev.resolute.spi.schema;

import java.util.Map;
import java.util.Optional;

/**
 * Signs the server's requests to deployments (reference §6, {@code worker.invoker.request-identity-private-key-pem-file}),
 * so an SDK configured with the matching public key ({@code withIdentityV1("publickeyv1_…")}) accepts them.
 * Provided by the schema plugin, which discovers deployments and loads the key once; the worker requires it
 * for its invocation requests. Without a configured key it is {@link #NONE} and adds no header at all.
 *
 * <p>Implementations must be thread-safe and answer without blocking (a signature is a few microseconds).
 */
public interface RequestIdentity {

    /** No key configured: requests carry no identity headers. */
    RequestIdentity NONE = (path, subject) -> Map.of();

    /**
     * The headers to add to one request ({@code x-restate-signature-scheme} and {@code x-restate-jwt-v1}), or
     * none. Never null.
     *
     * @param path    the request path relative to the deployment URI, the JWT's audience:
     *                {@code /discover} or {@code /invoke/{service}/{handler}}
     * @param subject the object key or workflow id of a keyed invocation, empty otherwise
     */
    Map<String, String> headers(String path, Optional<String> subject);
}
