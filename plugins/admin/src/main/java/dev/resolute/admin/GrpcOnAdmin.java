package dev.resolute.admin;

import dev.resolute.spi.http.ErrorShape;
import dev.resolute.spi.http.GrpcGateway;
import dev.resolute.spi.http.JsonError;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The admin API with the node's gRPC services beside it: a gRPC request ({@code content-type: application/grpc})
 * goes to the fabric's {@link GrpcGateway}, so {@code restatectl -s unix:restate-data/node-1/admin.sock status} works
 * as the networking seed shows; everything else to the admin API, whose error shape this keeps for the host.
 */
final class GrpcOnAdmin extends Handler.Wrapper implements ErrorShape {

    private final AdminHandler admin;
    private final GrpcGateway grpc;

    GrpcOnAdmin(AdminHandler admin, GrpcGateway grpc) {
        super(admin);
        this.admin = admin;
        this.grpc = grpc;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return GrpcGateway.isGrpc(request) ? grpc.handle(request, response, callback) : super.handle(request, response, callback);
    }

    @Override
    public JsonError error(int status, String message) {
        return admin.error(status, message);
    }
}
