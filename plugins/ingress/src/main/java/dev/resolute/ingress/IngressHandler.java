package dev.resolute.ingress;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Ingress routes. Invocation routes arrive with the engine; health answers as Restate's does. */
final class IngressHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        boolean health = path.equals("/health") || path.equals("/restate/health");
        if (health && (HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod()))) {
            response.setStatus(200);
            callback.succeeded();
            return true;
        }
        return false;
    }
}
