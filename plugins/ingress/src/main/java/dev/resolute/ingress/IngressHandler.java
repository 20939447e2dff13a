package dev.resolute.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.Durations;
import dev.resolute.spi.Health;
import dev.resolute.spi.http.ErrorShape;
import dev.resolute.spi.http.JsonError;
import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.spi.invocation.InvocationOutcome;
import dev.resolute.spi.invocation.InvocationRequest;
import dev.resolute.spi.invocation.InvocationTarget;
import dev.resolute.spi.invocation.Invocations;
import dev.resolute.spi.invocation.Submission;
import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.HandlerType;
import dev.resolute.spi.schema.Schemas;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The ingress HTTP API (reference §3): calls wait for the result, sends answer 202 once the
 * invocation is stored. Every error is JSON with {@code x-restate-error-source}.
 */
final class IngressHandler extends org.eclipse.jetty.server.Handler.Abstract implements ErrorShape {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "host", "idempotency-key", "idempotency-expires");

    private final Schemas schemas;
    private final Invocations invocations;
    private final long requestSizeLimit;
    private final Health health;
    private final Awakeables awakeables;
    private final InvocationRoutes results;

    IngressHandler(Schemas schemas, Invocations invocations, long requestSizeLimit, Health health) {
        this.schemas = schemas;
        this.invocations = invocations;
        this.requestSizeLimit = requestSizeLimit;
        this.health = health;
        this.awakeables = new Awakeables(invocations, this::readBody, requestSizeLimit);
        this.results = new InvocationRoutes(invocations, schemas, this::readBody, requestSizeLimit);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        boolean get = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
        if (path.equals("/health") && get) {
            if (health.problems().isEmpty()) {
                response.setStatus(200);
                callback.succeeded();
            } else {
                respond(response, callback, 503, "application/json", health.unhealthyJson().getBytes(StandardCharsets.UTF_8));
            }
            return true;
        }
        if (path.equals("/restate/health") && get) {
            ObjectNode body = JSON.createObjectNode();
            body.putArray("services").addAll(schemas.services().stream().map(s -> JSON.getNodeFactory().textNode(s.name())).toList());
            respond(response, callback, 200, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
            return true;
        }
        try {
            if (!get && !HttpMethod.POST.is(request.getMethod())) {
                throw new IngressError(405, "method " + request.getMethod() + " is not allowed; use GET or POST");
            }
            Optional<Awakeables.Route> awakeable = Awakeables.route(path);
            if (awakeable.isPresent()) {
                awakeables.serve(request, response, callback, awakeable.get());
                return true;
            }
            Optional<InvocationRoutes.Route> result = InvocationRoutes.route(request.getHttpURI().getPath(), schemas::service);
            if (result.isPresent()) {
                results.serve(request, response, callback, result.get());
                return true;
            }
            if (path.startsWith("/restate/")) {
                throw new IngressError(404, "not found: " + path);
            }
            IngressPath target = IngressPath.parse(request.getHttpURI().getPath(), schemas::service); // raw: keys may hold %2F
            Handler handler = target.service().handlers().stream().filter(h -> h.name().equals(target.handler())).findFirst()
                    .orElseThrow(() -> new IngressError(404, "handler '" + target.service().name() + "/" + target.handler() + "' not found"));
            if (!target.service().isPublic() || !handler.isPublic()) {
                throw new IngressError(400, "the invoked service is not public");
            }
            Optional<Instant> executionTime = delay(request, target.send());
            if (request.getLength() > requestSizeLimit) {
                throw new IngressError(413, "the request body has " + request.getLength() + " bytes, over ingress.request-size-limit");
            }
            readBody(request).whenComplete((body, failure) -> {
                try {
                    if (failure != null) {
                        throw IngressError.unreadableBody(failure);
                    }
                    if (body.length > requestSizeLimit) {
                        throw new IngressError(413, "the request body has " + body.length + " bytes, over ingress.request-size-limit");
                    }
                    invoke(request, response, callback, target, handler, body, executionTime);
                } catch (IngressError e) {
                    error(response, callback, e.status, e.getMessage(), "ingress");
                } catch (RuntimeException e) {
                    error(response, callback, 500, String.valueOf(e.getMessage()), "ingress");
                }
            });
        } catch (IngressError e) { // answered before the body is read: the kernel's host drains it afterwards
            error(response, callback, e.status, e.getMessage(), "ingress");
        }
        return true;
    }

    /** The request body, up to one byte over {@code ingress.request-size-limit} (so an overflow is seen). */
    private CompletableFuture<byte[]> readBody(Request request) {
        return Content.Source.asByteArrayAsync(request, (int) Math.min(Integer.MAX_VALUE - 8, requestSizeLimit + 1));
    }

    private void invoke(Request request, Response response, Callback callback, IngressPath target, Handler handler,
                        byte[] body, Optional<Instant> executionTime) {
        Optional<String> contentType = Optional.ofNullable(request.getHeaders().get("content-type"));
        if (!handler.input().accepts(contentType, body.length == 0)) {
            throw new IngressError(400, "input validation error: content-type " + contentType.map(c -> "'" + c + "'").orElse("(none)")
                    + " does not match '" + handler.input().contentType().orElse("no body") + "'");
        }
        // an empty key counts as none, as on Restate's ingress
        Optional<String> idempotencyKey = Optional.ofNullable(request.getHeaders().get("idempotency-key")).filter(k -> !k.isEmpty());
        if (idempotencyKey.isPresent() && handler.type() == HandlerType.WORKFLOW) {
            throw new IngressError(400, "cannot use the idempotency key with workflow handlers. The handler invocation will already be"
                    + " idempotent by the workflow key itself.");
        }
        invocations.submit(new InvocationRequest(target.service().name(), target.handler(), target.key(), body,
                headers(request), idempotencyKey, executionTime))
                .whenComplete((submission, failure) -> {
                    if (failure != null) {
                        engineError(response, callback, failure);
                    } else {
                        accepted(response, callback, target, handler, submission);
                    }
                });
    }

    private void accepted(Response response, Callback callback, IngressPath target, Handler handler, Submission submission) {
        response.getHeaders().put("x-restate-id", submission.invocationId());
        if (target.send()) {
            ObjectNode accepted = JSON.createObjectNode().put("invocationId", submission.invocationId())
                    .put("status", submission.previouslyAccepted() ? "PreviouslyAccepted" : "Accepted");
            submission.executionTime().ifPresent(t -> accepted.put("executionTime", t.toString()));
            respond(response, callback, 202, "application/json", accepted.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (submission.previouslyAccepted() && handler.type() == HandlerType.WORKFLOW) { // a workflow's run runs once
            invocationFailure(response, callback, InvocationOutcome.failure(409, "the workflow method was already invoked", Map.of()));
            return;
        }
        invocations.attach(new InvocationTarget.ById(submission.invocationId())).whenComplete((completed, failure) -> {
            if (failure != null) {
                engineError(response, callback, failure);
            } else {
                Results.write(response, callback, completed, schemas, submission.previouslyAccepted());
            }
        });
    }

    /** The engine's refusal as the ingress's JSON error: its kind decides the status. */
    static void engineError(Response response, Callback callback, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        int status = cause instanceof InvocationException e ? switch (e.kind()) {
            case NOT_FOUND -> 404;
            case INVALID_REQUEST -> 400;
            case UNAVAILABLE -> 503;
        } : 503;
        error(response, callback, status, String.valueOf(cause.getMessage()), "ingress");
    }

    private static Optional<Instant> delay(Request request, boolean send) {
        Fields query = Request.extractQueryParameters(request);
        String delay = query.getValue("delay");
        if (delay == null) {
            return Optional.empty();
        }
        if (!send) {
            throw new IngressError(400, "the delay query parameter is only allowed with /send");
        }
        try {
            return Optional.of(Instant.now().plus(Durations.parse(delay)));
        } catch (IllegalArgumentException e) {
            throw new IngressError(400, "bad delay '" + delay + "': " + e.getMessage());
        }
    }

    /** Request headers for the handler: a synthetic {@code x-restate-ingress-path} first, then all but the hop ones. */
    private static List<Map.Entry<String, String>> headers(Request request) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        String query = request.getHttpURI().getQuery();
        out.add(new AbstractMap.SimpleEntry<>("x-restate-ingress-path", request.getHttpURI().getPath() + (query == null ? "" : "?" + query)));
        for (HttpField field : request.getHeaders()) {
            String name = field.getName().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name)) {
                out.add(new AbstractMap.SimpleEntry<>(name, field.getValue()));
            }
        }
        return out;
    }

    static void invocationFailure(Response response, Callback callback, InvocationOutcome outcome) {
        ObjectNode body = JSON.createObjectNode().put("code", outcome.code()).put("message", outcome.message());
        if (!outcome.metadata().isEmpty()) {
            ObjectNode metadata = body.putObject("metadata");
            outcome.metadata().forEach(metadata::put);
        }
        body.put("source", "invocation");
        int status = outcome.code() >= 400 && outcome.code() <= 599 ? outcome.code() : 500;
        response.getHeaders().put("x-restate-error-source", "invocation");
        respond(response, callback, status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void error(Response response, Callback callback, int status, String message, String source) {
        shaped(status, message, source).write(response, callback);
    }

    private static JsonError shaped(int status, String message, String source) {
        return JsonError.status(status).with("code", status).with("message", message).with("source", source)
                .header("x-restate-error-source", source);
    }

    /** What the host answers for this listener on its own (a URI or headers Jetty refused): the ingress's error shape. */
    @Override
    public JsonError error(int status, String message) {
        return shaped(status, message, "ingress");
    }

    static void respond(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put("content-type", contentType);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
