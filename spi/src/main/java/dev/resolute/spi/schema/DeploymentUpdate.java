package dev.resolute.spi.schema;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code PATCH /deployments/{id}} asks (Restate's {@code UpdateDeploymentRequest}): discover the
 * deployment again, at a new address or with new headers, and update it in place under the same id.
 * An empty field keeps the deployment's current value.
 *
 * @param uri               the new SDK endpoint
 * @param additionalHeaders replaces all of the deployment's additional headers
 * @param useHttp11         discover (and invoke) over HTTP/1.1 instead of h2c prior knowledge
 * @param overwrite         accept a manifest that is not compatible with the deployment's current one
 *                          (META0016), as a forced registration does
 * @param dryRun            validate and answer as if updated, but store nothing
 */
public record DeploymentUpdate(Optional<URI> uri, Optional<Map<String, String>> additionalHeaders,
                               Optional<Boolean> useHttp11, boolean overwrite, boolean dryRun) {
    public DeploymentUpdate {
        Objects.requireNonNull(uri, "uri");
        additionalHeaders = additionalHeaders.map(h -> Map.copyOf(new TreeMap<>(h)));
        Objects.requireNonNull(useHttp11, "useHttp11");
    }
}
