package dev.resolute.schema;

import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.DeploymentUpdate;
import dev.resolute.spi.schema.RegisterRequest;
import dev.resolute.spi.schema.RegisterResult;
import dev.resolute.spi.schema.RegisterResult.Outcome;
import dev.resolute.spi.schema.ResolvedService;
import dev.resolute.spi.schema.SchemaException;
import dev.resolute.spi.schema.SchemaException.Kind;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.schema.HttpVersion;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceChange;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link Schemas} service: an immutable {@link RegistryState} that readers use without locks, and
 * writers that discover outside the lock (it takes seconds), then decide, commit to storage and
 * publish the new state under it, so concurrent registrations cannot interleave their revisions.
 */
final class SchemaRegistry implements Schemas {
    private final SchemaStore store;
    private final Discovery discovery;
    private final ReentrantLock writes = new ReentrantLock();
    private volatile RegistryState state;

    SchemaRegistry(SchemaStore store, Discovery discovery) {
        this.store = store;
        this.discovery = discovery;
        this.state = new RegistryState(store.load(), store.loadChanges());
    }

    @Override
    public RegisterResult register(RegisterRequest request) {
        Objects.requireNonNull(request, "request");
        URI uri = Endpoints.normalize(request.uri());
        Map<String, String> headers = Endpoints.headers(request.additionalHeaders());
        boolean overwrite = request.force();
        // as Restate: an endpoint already registered is not discovered again unless forced
        Optional<Deployment> known = state.byUri(uri);
        if (known.isPresent() && !overwrite) {
            return new RegisterResult(Outcome.UNCHANGED, known.get());
        }
        Discovery.Discovered found = discovery.discover(uri, headers, request.useHttp11());
        writes.lock();
        try {
            RegistryState current = state;
            Optional<Deployment> existing = current.byUri(uri);
            if (existing.isPresent() && !overwrite) { // registered by someone else while we discovered
                return new RegisterResult(Outcome.UNCHANGED, existing.get());
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String id = existing.map(Deployment::id).orElseGet(() -> DeploymentIds.next(now));
            List<Service> services = new ArrayList<>();
            for (DiscoveredService discovered : found.manifest().services()) {
                Optional<Service> previous = current.resolve(discovered.name()).map(ResolvedService::service);
                if (previous.isPresent() && previous.get().type() != discovered.type() && !request.breaking() && !request.force()) {
                    throw new SchemaException(Kind.INCOMPATIBLE_CHANGE, "META0006", "detected a new service revision for '"
                            + discovered.name() + "' changing the service type from " + previous.get().type() + " to "
                            + discovered.type() + ". Service type cannot be changed across revisions; register with"
                            + " \"breaking\": true (CLI: --breaking) if you accept losing the state of the old type.", null);
                }
                services.add(discovered.revision(id, previous.map(p -> p.revision() + 1).orElse(1)));
            }
            Manifest manifest = found.manifest();
            Deployment deployment = new Deployment(id, uri, found.httpVersion(), manifest.protocolMode(),
                    manifest.minProtocolVersion(), manifest.maxProtocolVersion(), headers, request.metadata(),
                    found.sdkVersion(), now, services);
            if (!request.dryRun()) {
                store.put(deployment);
                state = current.with(deployment);
            }
            return new RegisterResult(existing.isPresent() ? Outcome.OVERWRITTEN : Outcome.CREATED, deployment);
        } finally {
            writes.unlock();
        }
    }

    @Override
    public List<Deployment> deployments() {
        return state.deployments();
    }

    @Override
    public Optional<Deployment> deployment(String id) {
        return state.deployment(checked(id));
    }

    @Override
    public void removeDeployment(String id) {
        checked(id);
        writes.lock();
        try {
            RegistryState current = state;
            if (current.deployment(id).isEmpty()) {
                throw notFound(id);
            }
            store.delete(id);
            state = current.without(id);
        } finally {
            writes.unlock();
        }
    }

    @Override
    public List<Service> services() {
        return state.services();
    }

    @Override
    public Optional<Service> service(String name) {
        return resolve(name).map(ResolvedService::service);
    }

    @Override
    public Optional<ResolvedService> resolve(String serviceName) {
        return state.resolve(Objects.requireNonNull(serviceName, "serviceName"));
    }

    @Override
    public Service modifyService(String name, ServiceChange change) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(change, "change");
        writes.lock();
        try {
            RegistryState current = state;
            if (current.resolve(name).isEmpty()) {
                throw new SchemaException(Kind.NOT_FOUND, "The requested service '" + name + "' does not exist");
            }
            RegistryState next = current.withChange(name, change);
            store.putChange(name, next.change(name));
            state = next;
            return next.resolve(name).orElseThrow().service();
        } finally {
            writes.unlock();
        }
    }

    @Override
    public Deployment updateDeployment(String id, DeploymentUpdate update) {
        Objects.requireNonNull(update, "update");
        Deployment before = deployment(id).orElseThrow(() -> notFound(id));
        URI uri = update.uri().map(Endpoints::normalize).orElse(before.uri());
        Map<String, String> headers = update.additionalHeaders().map(Endpoints::headers).orElse(before.additionalHeaders());
        boolean useHttp11 = update.useHttp11().orElse(before.httpVersion() == HttpVersion.HTTP_1_1);
        Discovery.Discovered found = discovery.discover(uri, headers, useHttp11);
        writes.lock();
        try {
            RegistryState current = state;
            Deployment existing = current.deployment(id).orElseThrow(() -> notFound(id)); // removed while we discovered
            Optional<Deployment> other = current.byUri(uri).filter(d -> !d.id().equals(id));
            if (other.isPresent()) {
                throw new SchemaException(Kind.CONFLICT, "The deployment " + other.get().id() + " is already registered at " + uri
                        + "; remove it first to move deployment " + id + " there");
            }
            List<String> problems = UpdateCompatibility.problems(existing, found.manifest());
            if (!problems.isEmpty() && !update.overwrite()) {
                throw new SchemaException(Kind.INCOMPATIBLE_CHANGE, "META0016", "Cannot update the deployment " + id
                        + " with the discovered metadata, because it is insufficiently similar to the old: " + String.join("; ", problems)
                        + ". Set \"overwrite\": true to update it anyway.", null);
            }
            List<Service> services = new ArrayList<>();
            for (DiscoveredService discovered : found.manifest().services()) {
                int revision = existing.service(discovered.name()).map(Service::revision)
                        .or(() -> current.resolve(discovered.name()).map(r -> r.service().revision() + 1)).orElse(1);
                services.add(discovered.revision(id, revision));
            }
            Manifest manifest = found.manifest();
            Deployment updated = new Deployment(id, uri, found.httpVersion(), manifest.protocolMode(), manifest.minProtocolVersion(),
                    manifest.maxProtocolVersion(), headers, existing.metadata(), found.sdkVersion(), existing.createdAt(), services);
            if (!update.dryRun()) {
                store.put(updated);
                state = current.with(updated);
            }
            return updated;
        } finally {
            writes.unlock();
        }
    }

    private static SchemaException notFound(String id) {
        return new SchemaException(Kind.NOT_FOUND, "The requested deployment '" + id + "' does not exist");
    }

    private static String checked(String id) {
        Objects.requireNonNull(id, "id");
        DeploymentIds.problem(id).ifPresent(problem -> {
            throw new SchemaException(Kind.INVALID_REQUEST, "The deployment id '" + id + "' is invalid: " + problem);
        });
        return id;
    }
}
