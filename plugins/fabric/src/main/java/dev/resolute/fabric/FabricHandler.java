package dev.resolute.fabric;

import dev.resolute.spi.Health;
import dev.resolute.spi.http.GrpcGateway;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Routes the fabric service: gRPC calls by content type, then {@code /health} and {@code /metrics}. */
final class FabricHandler extends Handler.Abstract {

    private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private final Supplier<FabricMetrics> metrics;
    private final GrpcGateway grpc;
    private final Health nodeHealth;

    FabricHandler(Supplier<FabricMetrics> metrics, GrpcGateway grpc, Health nodeHealth) {
        this.metrics = metrics;
        this.grpc = grpc;
        this.nodeHealth = nodeHealth;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (GrpcGateway.isGrpc(request)) {
            return grpc.handle(request, response, callback);
        }
        String path = Request.getPathInContext(request);
        boolean health = path.equals("/health");
        if (!health && !path.equals("/metrics")) {
            return false;
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.GET.asString());
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        if (health) {
            boolean healthy = nodeHealth.problems().isEmpty();
            response.setStatus(healthy ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(healthy ? HEALTHY : nodeHealth.unhealthyJson().getBytes(StandardCharsets.UTF_8)), callback);
        } else {
            FabricMetrics registry = metrics.get();
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, registry.contentType());
            response.write(true, ByteBuffer.wrap(registry.scrape()), callback);
        }
        return true;
    }
}
