package dev.resolute.fabric;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    private final FabricMetrics metrics;
    private final GrpcBridge grpc;

    FabricHandler(FabricMetrics metrics, GrpcBridge grpc) {
        this.metrics = metrics;
        this.grpc = grpc;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (GrpcBridge.accepts(request)) {
            grpc.handle(request, response, callback);
            return true;
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
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, health ? "application/json" : metrics.contentType());
        response.write(true, ByteBuffer.wrap(health ? HEALTHY : metrics.scrape()), callback);
        return true;
    }
}
