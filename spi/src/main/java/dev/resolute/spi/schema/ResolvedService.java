package dev.resolute.spi.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * The latest revision of a service together with the deployment that serves it, read from one
 * consistent view of the registry: what a new invocation needs.
 *
 * @param service    the latest revision
 * @param deployment the deployment serving it
 */
public record ResolvedService(Service service, Deployment deployment) {
    public ResolvedService {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(deployment, "deployment");
        if (!service.deploymentId().equals(deployment.id())) {
            throw new IllegalArgumentException("service " + service.name() + " is served by " + service.deploymentId() + ", not " + deployment.id());
        }
    }

    /** The handler called {@code name} in the latest revision, if it has one. */
    public Optional<Handler> handler(String name) {
        return service.handler(name);
    }
}
