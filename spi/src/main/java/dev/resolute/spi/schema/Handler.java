package dev.resolute.spi.schema;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One handler of a service revision.
 *
 * @param name          the handler name
 * @param type          how it runs; always {@link HandlerType#SHARED} in a {@link ServiceType#SERVICE}
 * @param isPublic      whether the ingress may call it (its own {@code ingressPrivate}, else the service's)
 * @param input         accepted request bodies
 * @param output        response content type
 * @param documentation from the manifest (v2+)
 * @param metadata      from the manifest (v2+)
 * @param options       what the handler itself sets; its service's {@link Service#options()} fill the gaps
 */
public record Handler(String name, HandlerType type, boolean isPublic, InputRules input, OutputRules output,
                      Optional<String> documentation, Map<String, String> metadata, InvocationOptions options) {
    public Handler {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(documentation, "documentation");
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        Objects.requireNonNull(options, "options");
    }
}
