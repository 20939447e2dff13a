package dev.resolute.fabric;

import dev.resolute.spi.Health;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A gRPC-Java in-process server with the standard health service, and the channel the fabric
 * handler relays calls through. No socket, no port: the kernel's listeners carry the bytes.
 *
 * <p>Both sides run callbacks on the calling thread ({@code directExecutor}): the health service
 * never blocks, so calls stay on the threads the kernel configured instead of gRPC's own pool.
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

    /** Starts a server under a unique name, so two endpoints in one JVM never meet. */
    static GrpcBridge start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        HealthStatusManager health = new HealthStatusManager();
        Server server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(health.getHealthService())
                .build()
                .start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        return new GrpcBridge(health, server, channel);
    }

    /** gRPC requests are told apart by content type ({@code application/grpc}, {@code application/grpc+proto}, ...). */
    static boolean accepts(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return type != null && type.startsWith("application/grpc");
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
