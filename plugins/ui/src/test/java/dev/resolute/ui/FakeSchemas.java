package dev.resolute.ui;

import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.DeploymentUpdate;
import dev.resolute.spi.schema.HttpVersion;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.ProtocolMode;
import dev.resolute.spi.schema.RegisterRequest;
import dev.resolute.spi.schema.RegisterResult;
import dev.resolute.spi.schema.ResolvedService;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceChange;
import dev.resolute.spi.schema.ServiceType;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A registry of deployments a test lists; the latest deployment serving a service serves its latest revision. */
final class FakeSchemas implements Schemas {
    private final List<Deployment> deployments = new ArrayList<>();

    /** Adds a deployment {@code id} serving {@code services} (name → type), each one revision newer than before. */
    FakeSchemas deployment(String id, Map<String, ServiceType> services) {
        List<Service> served = new ArrayList<>();
        services.forEach((name, type) -> served.add(new Service(name, type, service(name).map(s -> s.revision() + 1).orElse(1), id, true,
                List.of(), Optional.empty(), Map.of(), InvocationOptions.NONE)));
        deployments.add(new Deployment(id, URI.create("http://localhost:9080/" + id), HttpVersion.HTTP_2, ProtocolMode.BIDI_STREAM, 5, 6,
                Map.of(), Map.of(), Optional.empty(), Instant.parse("2026-12-01T00:00:00Z"), served));
        return this;
    }

    @Override
    public List<Deployment> deployments() {
        return List.copyOf(deployments);
    }

    @Override
    public Optional<Deployment> deployment(String id) {
        return deployments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    @Override
    public List<Service> services() {
        List<Service> latest = new ArrayList<>();
        for (Deployment d : deployments) {
            for (Service s : d.services()) {
                latest.removeIf(l -> l.name().equals(s.name()));
                latest.add(s);
            }
        }
        return latest;
    }

    @Override
    public Optional<Service> service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public Optional<ResolvedService> resolve(String serviceName) {
        return service(serviceName).map(s -> new ResolvedService(s, deployment(s.deploymentId()).orElseThrow()));
    }

    @Override
    public RegisterResult register(RegisterRequest request) {
        throw new UnsupportedOperationException("the UI registers through the admin API");
    }

    @Override
    public void removeDeployment(String id) {
        throw new UnsupportedOperationException("the UI removes through the admin API");
    }

    @Override
    public Service modifyService(String name, ServiceChange change) {
        throw new UnsupportedOperationException("the UI modifies through the admin API");
    }

    @Override
    public Deployment updateDeployment(String id, DeploymentUpdate update) {
        throw new UnsupportedOperationException("the UI updates through the admin API");
    }
}
