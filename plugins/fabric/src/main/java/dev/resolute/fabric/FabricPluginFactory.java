package dev.resolute.fabric;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigType;
import dev.resolute.spi.NetworkService;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.http.GrpcGateway;
import dev.resolute.spi.invocation.EngineInfo;
import dev.resolute.spi.query.QueryEngine;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code fabric} endpoint: {@code GET /health}, Prometheus text at {@code GET /metrics}, the
 * standard gRPC health service {@code grpc.health.v1.Health} and the node, cluster and metadata services
 * {@code restatectl} calls (see docs/fabric.md), all on the fabric service's listeners.
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

    /** The kernel's default for {@code roles}, which it defines; repeated because a plugin declares what it reads. */
    private static final String ROLES = "[\"http-ingress\", \"admin\", \"worker\", \"log-server\", \"metadata-server\"]";

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

    /** restatectl shows the node's roles and its partition table, whose size is the engine's. */
    @Override
    public List<ConfigKey> configReads() {
        return List.of(
                ConfigKey.of("roles", ConfigType.STRING_LIST, ROLES, "roles this node runs; each selects a role plugin"),
                ConfigKey.of("default-num-partitions", ConfigType.integer(1, 4096), "24", "partitions of the engine (fixed once data exists)"));
    }

    /** The worker's partitions and the sql plugin's engine, for restatectl's cluster state and {@code sql}; both optional. */
    @Override
    public Set<Class<?>> uses() {
        return Set.of(EngineInfo.class, QueryEngine.class);
    }

    /** The node's gRPC services, which the admin endpoint also serves on its listener. */
    @Override
    public Set<Class<?>> provides() {
        return Set.of(GrpcGateway.class);
    }

    @Override
    public Component create(PluginContext context) {
        Objects.requireNonNull(context, "context");
        return new FabricEndpoint(context, context.rootConfig().getStringList("roles"), context.rootConfig().getInt("default-num-partitions"),
                Clock.systemUTC());
    }
}
