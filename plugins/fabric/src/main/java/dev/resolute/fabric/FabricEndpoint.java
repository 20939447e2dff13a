package dev.resolute.fabric;

import dev.resolute.spi.Component;
import dev.resolute.spi.Health;
import dev.resolute.spi.HttpHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The started fabric endpoint: mounts the one fabric handler and owns the in-process gRPC server. The
 * metrics registry and the gRPC server are made on first use: together they cost about a tenth of a
 * second of start-up (JMX beans, gRPC classes), which {@code /health} does not need.
 */
final class FabricEndpoint implements Component {

    static final String SERVICE = "fabric";

    private final HttpHost host;
    private final Health health;
    private GrpcBridge grpc;
    private FabricMetrics metrics;
    private boolean stopped;

    FabricEndpoint(HttpHost host, Health health) {
        this.host = Objects.requireNonNull(host, "host");
        this.health = Objects.requireNonNull(health, "health");
    }

    @Override
    public synchronized void start() {
        host.mount(SERVICE, new FabricHandler(this::metrics, this::grpc, health));
    }

    private synchronized FabricMetrics metrics() {
        if (metrics == null) {
            metrics = new FabricMetrics(host::listenerStats);
        }
        return metrics;
    }

    private synchronized GrpcBridge grpc() {
        if (stopped) {
            throw new IllegalStateException("the fabric endpoint is stopped");
        }
        if (grpc == null) {
            try {
                grpc = GrpcBridge.start();
            } catch (IOException e) {
                throw new UncheckedIOException("the in-process gRPC server did not start", e);
            }
        }
        return grpc;
    }

    /** Only the gRPC bridge holds resources; the metrics registry is plain heap (see {@link FabricMetrics}). */
    @Override
    public synchronized void stop() {
        stopped = true;
        if (grpc != null) {
            grpc.close();
            grpc = null;
        }
    }
}
