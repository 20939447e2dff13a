package dev.resolute.ingress;

import dev.resolute.spi.invocation.Invocations;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Completing awakeables from outside (reference §3.4): {@code POST /restate/awakeables/{id}/resolve} with the raw
 * value as the body, {@code …/reject} with the failure message as the body (failure code 500), and the alias
 * {@code /restate/a/{id}/…} the TypeScript clients use. The answer is 202 with an empty body once the result is
 * committed; a malformed id is a 400 that says what is wrong with it.
 */
final class Awakeables {
    private static final Pattern PATH = Pattern.compile("/restate/(?:awakeables|a)/([^/]+)/(resolve|reject)/?");

    /** An awakeable route: the id as written in the path, and whether it resolves or rejects. */
    record Route(String id, boolean resolve) {
    }

    private final Invocations invocations;
    private final Function<Request, CompletableFuture<byte[]>> bodies;
    private final long requestSizeLimit;

    /** @param bodies reads a request's body, up to one byte over {@code requestSizeLimit} */
    Awakeables(Invocations invocations, Function<Request, CompletableFuture<byte[]>> bodies, long requestSizeLimit) {
        this.invocations = invocations;
        this.bodies = bodies;
        this.requestSizeLimit = requestSizeLimit;
    }

    /** The awakeable route {@code path} names, if it names one. */
    static Optional<Route> route(String path) {
        Matcher m = PATH.matcher(path);
        return m.matches() ? Optional.of(new Route(m.group(1), m.group(2).equals("resolve"))) : Optional.empty();
    }

    void serve(Request request, Response response, Callback callback, Route route) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            throw new IngressError(405, "method " + request.getMethod() + " is not allowed on awakeables; use POST");
        }
        bodies.apply(request).whenComplete((body, failure) -> {
            if (failure != null) {
                IngressError refused = IngressError.unreadableBody(failure);
                IngressHandler.error(response, callback, refused.status, refused.getMessage(), "ingress");
                return;
            }
            if (body.length > requestSizeLimit) {
                IngressHandler.error(response, callback, 413, "the request body has " + body.length + " bytes, over ingress.request-size-limit", "ingress");
                return;
            }
            CompletableFuture<Void> stored = route.resolve()
                    ? invocations.resolveAwakeable(route.id(), body)
                    : invocations.rejectAwakeable(route.id(), new String(body, StandardCharsets.UTF_8));
            stored.whenComplete((done, refused) -> {
                if (refused != null) {
                    IngressHandler.engineError(response, callback, refused);
                } else {
                    response.setStatus(202);
                    callback.succeeded();
                }
            });
        });
    }
}
