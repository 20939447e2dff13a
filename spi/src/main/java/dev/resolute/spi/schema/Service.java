package dev.resolute.spi.schema;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One revision of a service, as one deployment serves it. Each registration that (re)defines a
 * service creates a new revision; new invocations go to the latest, in-flight ones stay on theirs.
 *
 * @param name          the service name
 * @param type          service, virtual object or workflow
 * @param revision      1 for the first registration, then one more than the latest revision each time
 * @param deploymentId  the {@code dp_} id of the deployment that serves this revision
 * @param isPublic      whether the ingress may call it (not {@code ingressPrivate})
 * @param handlers      in manifest order
 * @param documentation from the manifest (v2+)
 * @param metadata      from the manifest (v2+)
 * @param options       what the manifest sets for the whole service (no workflow completion retention here:
 *                      that is a {@link HandlerType#WORKFLOW} handler's)
 */
public record Service(String name, ServiceType type, int revision, String deploymentId, boolean isPublic,
                      List<Handler> handlers, Optional<String> documentation, Map<String, String> metadata,
                      InvocationOptions options) {
    public Service {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1, got " + revision);
        }
        Objects.requireNonNull(deploymentId, "deploymentId");
        handlers = List.copyOf(handlers);
        Objects.requireNonNull(documentation, "documentation");
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        Objects.requireNonNull(options, "options");
    }

    /** The handler called {@code name}, if this revision has one. */
    public Optional<Handler> handler(String name) {
        Objects.requireNonNull(name, "name");
        return handlers.stream().filter(h -> h.name().equals(name)).findFirst();
    }
}
