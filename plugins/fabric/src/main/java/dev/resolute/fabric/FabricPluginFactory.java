package dev.resolute.fabric;

import dev.resolute.spi.Component;
import dev.resolute.spi.NetworkService;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code fabric} endpoint: {@code GET /health}, Prometheus text at {@code GET /metrics} and the
 * standard gRPC health service {@code grpc.health.v1.Health}, all on the fabric service's listeners.
 *
 * <p>Why gRPC goes through an in-process server: gRPC-Java's servlet transport, the first choice,
 * is not served by Maven Central here ({@code io.grpc:grpc-servlet-jakarta} and
 * {@code io.grpc:grpc-servlet} 1.85.1, and {@code grpc-servlet-jakarta} 1.83.1, all missing). Every
 * other gRPC-Java server transport (Netty, OkHttp) binds its own socket, which would take sockets
 * away from the listener plugins. So the fabric handler reads gRPC's length-prefixed messages off
 * the kernel's HTTP/2 (h2c) connectors itself and relays each call to a gRPC-Java in-process server
 * ({@link GrpcBridge}); the health answers therefore come from gRPC-Java's own
 * {@code HealthStatusManager}, not from a re-implementation.
 */
public final class FabricPluginFactory implements PluginFactory {

    @Override
    public String id() {
        return FabricEndpoint.SERVICE;
    }

    @Override
    public PluginKind kind() {
        return PluginKind.ENDPOINT;
    }

    /** Every node runs the fabric: it is how peers and operators reach a node. */
    @Override
    public Set<String> roles() {
        return Set.of(EVERY_NODE);
    }

    /** The fabric's listener keys are Restate's top-level ones ({@code bind-port = 5122}). */
    @Override
    public List<NetworkService> networkServices() {
        return List.of(NetworkService.root(FabricEndpoint.SERVICE, 5122));
    }

    @Override
    public Component create(PluginContext context) {
        Objects.requireNonNull(context, "context");
        return new FabricEndpoint(context.http(), context.health());
    }
}
