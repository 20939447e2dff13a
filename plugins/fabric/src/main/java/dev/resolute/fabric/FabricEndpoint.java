package dev.resolute.fabric;

import dev.resolute.spi.Component;
import dev.resolute.spi.Health;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.http.GrpcGateway;
import dev.resolute.spi.invocation.EngineInfo;
import dev.resolute.spi.query.QueryEngine;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The started fabric endpoint: mounts the one fabric handler, owns the in-process gRPC server and offers the node's
 * gRPC services to other endpoints ({@link GrpcGateway}). The metrics registry and the gRPC server are made on first
 * use: together they cost about a tenth of a second of start-up (JMX beans, gRPC classes), which {@code /health} does
 * not need.
 */
final class FabricEndpoint implements Component {

    static final String SERVICE = "fabric";

    private final PluginContext context;
    private final HttpHost host;
    private final Health health;
    private final List<String> roles;
    private final int configuredPartitions;
    private final Clock clock;
    private NodeFacts node;
    private List<ServerServiceDefinition> services = List.of();
    private GrpcBridge grpc;
    private FabricMetrics metrics;
    private boolean stopped;

    /**
     * @param roles                the node's configured roles, which restatectl shows
     * @param configuredPartitions {@code default-num-partitions}: the partition table's size on a node without the worker
     */
    FabricEndpoint(PluginContext context, List<String> roles, int configuredPartitions, Clock clock) {
        this.context = Objects.requireNonNull(context, "context");
        this.host = context.http();
        this.health = context.health();
        this.roles = List.copyOf(roles);
        this.configuredPartitions = configuredPartitions;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        int generation;
        try {
            generation = NodeGeneration.next(context.node().dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the node's generation in " + context.node().dataDir(), e);
        }
        var engine = context.find(EngineInfo.class);
        int partitions = engine.map(e -> e.partitions().size()).filter(n -> n > 0).orElse(configuredPartitions);
        node = new NodeFacts(context.node().nodeName(), context.node().clusterName(), generation, fabricAddress(), roles,
                clock.instant(), partitions, engine);
        MetadataBlobs blobs = new MetadataBlobs(node);
        List<ServerServiceDefinition> all = new ArrayList<>();
        all.add(new NodeCtlService(node, blobs, clock).definition());
        all.add(new ClusterCtrlService(node, blobs, context.find(QueryEngine.class), clock).definition());
        all.addAll(new MetadataServices(node, blobs).definitions());
        services = List.copyOf(all);
        host.mount(SERVICE, new FabricHandler(this::metrics, this::serveGrpc, health));
        context.provide(GrpcGateway.class, this::serveGrpc);
    }

    /**
     * Where restatectl dials this node after its first metadata read. A Unix socket is made absolute: restatectl
     * resolves a relative one against its own working directory.
     */
    private String fabricAddress() {
        String advertised = host.advertised(SERVICE).orElse("");
        if (advertised.startsWith("unix:")) {
            return "unix:" + Path.of(advertised.substring("unix:".length())).toAbsolutePath().normalize();
        }
        return advertised;
    }

    private boolean serveGrpc(Request request, Response response, Callback callback) {
        GrpcBridge bridge = grpc();
        bridge.reflect(health); // read at each call: a check answers what /health would
        bridge.handle(request, response, callback);
        return true;
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
                grpc = GrpcBridge.start(services);
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
