package dev.resolute.spi.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The node's gRPC services (restatectl's node, cluster and metadata services), for an endpoint that serves them on
 * its own listener besides the fabric's: the admin endpoint hands its gRPC requests here, so
 * {@code restatectl -s unix:restate-data/node-1/admin.sock status} works as the networking seed shows. Provided by the
 * {@code fabric} plugin; a consumer declares it in {@code uses()} and finds it with
 * {@link dev.resolute.spi.PluginContext#find}.
 *
 * <p>{@link #handle} serves one HTTP/2 request whose {@link #isGrpc content type is gRPC's}: it always answers (a
 * method it does not know ends with {@code grpc-status} 12) and returns {@code true}. It holds no Jetty lifecycle of
 * its own: it is not a {@link org.eclipse.jetty.server.Handler} to be started, just the call.
 */
@FunctionalInterface
public interface GrpcGateway extends Request.Handler {

    /** Whether {@code request} is a gRPC call: {@code content-type: application/grpc}, {@code application/grpc+proto}, ... */
    static boolean isGrpc(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return type != null && type.startsWith("application/grpc");
    }
}
