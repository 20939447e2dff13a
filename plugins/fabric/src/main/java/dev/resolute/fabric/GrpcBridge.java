package dev.resolute.fabric;

import dev.resolute.spi.Health;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A gRPC-Java in-process server with the standard health service, and the channel the fabric
 * handler relays calls through. No socket, no port: the kernel's listeners carry the bytes.
 *
 * <p>Both sides run callbacks on the calling thread ({@code directExecutor}): the services answer from memory (a
 * query blocks while it runs, on the Jetty pool thread {@link GrpcCall} asks for), so calls stay on the threads the
 * kernel configured instead of gRPC's own pool.
 */
final class GrpcBridge implements AutoCloseable {

    private final HealthStatusManager health;
    private final Server server;
    private final ManagedChannel channel;

    private GrpcBridge(HealthStatusManager health, Server server, ManagedChannel channel) {
        this.health = health;
        this.server = server;
        this.channel = channel;
    }

    /** Starts a server with the health service and {@code services} under a unique name, so two endpoints in one JVM never meet. */
    static GrpcBridge start(List<ServerServiceDefinition> services) throws IOException {
        String name = InProcessServerBuilder.generateName();
        HealthStatusManager health = new HealthStatusManager();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(health.getHealthService());
        services.forEach(builder::addService);
        Server server = builder.build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        return new GrpcBridge(health, server, channel);
    }

    /** The overall service ({@code ""}) serves while the node has no problems, and is NOT_SERVING while it has. */
    void reflect(Health node) {
        health.setStatus("", node.problems().isEmpty() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
    }

    void handle(Request request, Response response, Callback callback) {
        new GrpcCall(channel, request, response, callback).start();
    }

    /** Tells watchers the node is going away (NOT_SERVING), then ends every call still open. */
    @Override
    public void close() {
        health.enterTerminalState();
        channel.shutdownNow();
        server.shutdownNow();
    }
}
