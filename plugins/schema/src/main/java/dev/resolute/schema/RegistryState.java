package dev.resolute.schema;

import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.ResolvedService;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceChange;
import java.net.URI;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One immutable view of the registry: the deployments, oldest first, and for each service name its
 * latest revision. Like Restate's index, "latest" is the highest revision among the registered
 * deployments, so removing a deployment lets a service fall back to the one before. Changes made with
 * {@code PATCH /services/{name}} are kept by name and applied to the latest revision until a registration
 * discovers the service again.
 */
final class RegistryState {
    private static final Comparator<Deployment> AGE = Comparator.comparing(Deployment::createdAt).thenComparing(Deployment::id);

    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Map<String, ResolvedService> latest = new TreeMap<>();
    private final Map<String, ServiceChange> changes;

    RegistryState(Collection<Deployment> deployments, Map<String, ServiceChange> changes) {
        this.changes = Map.copyOf(changes);
        deployments.stream().sorted(AGE).forEach(d -> this.deployments.put(d.id(), d));
        for (Deployment d : this.deployments.values()) {
            for (Service s : d.services()) {
                ResolvedService current = latest.get(s.name());
                // later deployments win ties, which only a hand-edited store can produce
                if (current == null || current.service().revision() <= s.revision()) {
                    latest.put(s.name(), new ResolvedService(s, d));
                }
            }
        }
        latest.replaceAll((name, r) -> changes.containsKey(name)
                ? new ResolvedService(ServiceOverrides.apply(r.service(), changes.get(name)), r.deployment()) : r);
    }

    RegistryState with(Deployment deployment) {
        return new RegistryState(Stream.concat(deployments.values().stream().filter(d -> !d.id().equals(deployment.id())),
                Stream.of(deployment)).collect(Collectors.toList()), changesWithout(deployment));
    }

    /** As Restate: a service (re)discovered takes its settings from its new manifest again, dropping earlier changes. */
    private Map<String, ServiceChange> changesWithout(Deployment deployment) {
        Map<String, ServiceChange> kept = new TreeMap<>(changes);
        deployment.services().forEach(s -> kept.remove(s.name()));
        return kept;
    }

    RegistryState without(String id) {
        return new RegistryState(deployments.values().stream().filter(d -> !d.id().equals(id)).collect(Collectors.toList()), changes);
    }

    /** This state with {@code change} applied over the changes already made to {@code service}. */
    RegistryState withChange(String service, ServiceChange change) {
        Map<String, ServiceChange> next = new TreeMap<>(changes);
        next.put(service, changes.getOrDefault(service, ServiceChange.NONE).then(change));
        return new RegistryState(deployments.values(), next);
    }

    /** Every change made to a service so far, merged, or {@link ServiceChange#NONE}. */
    ServiceChange change(String service) {
        return changes.getOrDefault(service, ServiceChange.NONE);
    }

    List<Deployment> deployments() {
        return List.copyOf(deployments.values());
    }

    Optional<Deployment> deployment(String id) {
        return Optional.ofNullable(deployments.get(id));
    }

    /** The deployment registered for this (normalized) URI; the newest if, unusually, there are several. */
    Optional<Deployment> byUri(URI uri) {
        return deployments.values().stream().filter(d -> d.uri().equals(uri)).reduce((older, newer) -> newer);
    }

    List<Service> services() {
        return latest.values().stream().map(ResolvedService::service).collect(Collectors.toList());
    }

    Optional<ResolvedService> resolve(String service) {
        return Optional.ofNullable(latest.get(service));
    }
}
