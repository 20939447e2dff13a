package dev.resolute.schema;

import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A service as a manifest describes it: a {@link Service} before the registry gives it a deployment and revision. */
record DiscoveredService(String name, ServiceType type, boolean isPublic, List<Handler> handlers,
                         Optional<String> documentation, Map<String, String> metadata, InvocationOptions options) {
    DiscoveredService {
        handlers = List.copyOf(handlers);
        metadata = Map.copyOf(metadata);
    }

    Service revision(String deploymentId, int revision) {
        return new Service(name, type, revision, deploymentId, isPublic, handlers, documentation, metadata, options);
    }
}
