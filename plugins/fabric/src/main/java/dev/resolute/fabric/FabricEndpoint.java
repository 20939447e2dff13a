package dev.resolute.fabric;

import dev.resolute.spi.Component;
import dev.resolute.spi.HttpHost;
import java.util.Objects;

/** The started fabric endpoint: owns the in-process gRPC server and mounts the one fabric handler. */
final class FabricEndpoint implements Component {

    static final String SERVICE = "fabric";

    private final HttpHost host;
    private GrpcBridge grpc;

    FabricEndpoint(HttpHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public synchronized void start() throws Exception {
        FabricMetrics metrics = new FabricMetrics(host::listenerStats);
        grpc = GrpcBridge.start();
        host.mount(SERVICE, new FabricHandler(metrics, grpc));
    }

    /** Only the gRPC bridge holds resources; the metrics registry is plain heap (see {@link FabricMetrics}). */
    @Override
    public synchronized void stop() {
        if (grpc != null) {
            grpc.close();
            grpc = null;
        }
    }
}
