package dev.resolute.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolute.spi.invocation.InvocationTarget;
import dev.resolute.spi.invocation.Invocations;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.schema.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Attach, output and lookup (reference §3.3): {@code GET /restate/invocation/{id}/attach|output}, by idempotency key
 * {@code /restate/invocation/{Service}[/{key}]/{handler}/{idempotencyKey}/attach|output}, by workflow id
 * {@code /restate/workflow/{Workflow}/{id}/attach|output}, the 1.7 forms {@code GET /restate/attach|output/{id}},
 * and {@code POST /restate/attach|output|lookup} with the target as a JSON body. Attach waits for the result; output
 * answers 470 while the invocation runs; lookup answers the id the target names without reading storage.
 */
final class InvocationRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Operation { ATTACH, OUTPUT, LOOKUP }

    /** A route: what to do, and the target, or empty when the target is the JSON body (the POST forms). */
    record Route(Operation operation, Optional<InvocationTarget> target) {
    }

    private final Invocations invocations;
    private final Schemas schemas;
    private final Function<Request, CompletableFuture<byte[]>> bodies;
    private final long requestSizeLimit;

    /** @param bodies reads a request's body, up to one byte over {@code requestSizeLimit} */
    InvocationRoutes(Invocations invocations, Schemas schemas, Function<Request, CompletableFuture<byte[]>> bodies, long requestSizeLimit) {
        this.invocations = invocations;
        this.schemas = schemas;
        this.bodies = bodies;
        this.requestSizeLimit = requestSizeLimit;
    }

    /**
     * The route {@code rawPath} (not decoded) names, if it is one of these.
     *
     * @throws IngressError 404 for an unknown service in an idempotency-key path, 400 for a segment that does not decode
     */
    static Optional<Route> route(String rawPath, Function<String, Optional<Service>> services) {
        if (!rawPath.startsWith("/restate/")) {
            return Optional.empty();
        }
        List<String> s = Arrays.asList(rawPath.substring("/restate/".length()).split("/", -1));
        String last = s.get(s.size() - 1);
        Optional<Operation> op = last.equals("attach") ? Optional.of(Operation.ATTACH)
                : last.equals("output") ? Optional.of(Operation.OUTPUT) : Optional.empty();
        if (s.size() == 1) {
            return switch (s.get(0)) {
                case "attach" -> Optional.of(new Route(Operation.ATTACH, Optional.empty()));
                case "output" -> Optional.of(new Route(Operation.OUTPUT, Optional.empty()));
                case "lookup" -> Optional.of(new Route(Operation.LOOKUP, Optional.empty()));
                default -> Optional.empty();
            };
        }
        if (s.size() == 2 && (s.get(0).equals("attach") || s.get(0).equals("output"))) {
            Operation operation = s.get(0).equals("attach") ? Operation.ATTACH : Operation.OUTPUT;
            return Optional.of(new Route(operation, Optional.of(new InvocationTarget.ById(decode(s.get(1), "invocation id")))));
        }
        if (op.isEmpty()) {
            return Optional.empty();
        }
        if (s.get(0).equals("workflow") && s.size() == 4) {
            return route(op.get(), new InvocationTarget.WorkflowRun(decode(s.get(1), "workflow name"), decode(s.get(2), "workflow id")));
        }
        if (!s.get(0).equals("invocation")) {
            return Optional.empty();
        }
        return switch (s.size()) {
            case 3 -> route(op.get(), new InvocationTarget.ById(decode(s.get(1), "invocation id")));
            case 5, 6 -> {
                String name = decode(s.get(1), "service name");
                services.apply(name).orElseThrow(() -> new IngressError(404, "service '" + name + "' not found. Make sure the service is registered"
                        + " (restate deployments register <uri>)"));
                boolean keyed = s.size() == 6;
                Optional<String> key = keyed ? Optional.of(decode(s.get(2), "key")) : Optional.empty();
                int handler = keyed ? 3 : 2;
                yield route(op.get(), new InvocationTarget.Idempotent(name, key, decode(s.get(handler), "handler name"),
                        decode(s.get(handler + 1), "idempotency key")));
            }
            default -> Optional.empty();
        };
    }

    private static Optional<Route> route(Operation operation, InvocationTarget target) {
        return Optional.of(new Route(operation, Optional.of(target)));
    }

    private static String decode(String raw, String what) {
        return PathSegment.decode(raw, what);
    }

    void serve(Request request, Response response, Callback callback, Route route) {
        if (route.target().isPresent()) {
            if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
                throw new IngressError(405, "method " + request.getMethod() + " is not allowed here; use GET");
            }
            answer(response, callback, route.operation(), route.target().get());
            return;
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            throw new IngressError(405, "method " + request.getMethod() + " is not allowed here; use POST with the target as a JSON body");
        }
        bodies.apply(request).whenComplete((body, failure) -> {
            try {
                if (failure != null) {
                    throw IngressError.unreadableBody(failure);
                }
                if (body.length > requestSizeLimit) {
                    throw new IngressError(413, "the request body has " + body.length + " bytes, over ingress.request-size-limit");
                }
                answer(response, callback, route.operation(), target(body));
            } catch (IngressError e) {
                IngressHandler.error(response, callback, e.status, e.getMessage(), "ingress");
            }
        });
    }

    private void answer(Response response, Callback callback, Operation operation, InvocationTarget target) {
        switch (operation) {
            case LOOKUP -> invocations.lookup(target).whenComplete((id, failure) -> {
                if (failure != null) {
                    IngressHandler.engineError(response, callback, failure);
                } else {
                    IngressHandler.respond(response, callback, 200, "application/json",
                            JSON.createObjectNode().put("invocationId", id).toString().getBytes(StandardCharsets.UTF_8));
                }
            });
            case ATTACH -> invocations.attach(target).whenComplete((completed, failure) -> {
                if (failure != null) {
                    IngressHandler.engineError(response, callback, failure);
                } else {
                    Results.write(response, callback, completed, schemas, true);
                }
            });
            case OUTPUT -> invocations.output(target).whenComplete((completed, failure) -> {
                if (failure != null) {
                    IngressHandler.engineError(response, callback, failure);
                } else if (completed.isEmpty()) {
                    IngressHandler.error(response, callback, 470, "the invocation exists but has not completed yet", "ingress");
                } else {
                    Results.write(response, callback, completed.get(), schemas, true);
                }
            });
        }
    }

    /**
     * The target of a POST form: {@code {"target":"invocation","invocationId":…}},
     * {@code {"target":"workflow","workflowName":…,"workflowKey":…}} or
     * {@code {"target":"idempotentInvocation","service":…,"key"?:…,"handler":…,"idempotencyKey":…}}.
     */
    static InvocationTarget target(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new IngressError(400, "bad body: it is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (json == null || !json.isObject()) {
            throw new IngressError(400, "bad body: expected a JSON object with a \"target\" field");
        }
        String kind = text(json, "target");
        return switch (kind) {
            case "invocation" -> new InvocationTarget.ById(text(json, "invocationId"));
            case "workflow" -> new InvocationTarget.WorkflowRun(text(json, "workflowName"), text(json, "workflowKey"));
            case "idempotentInvocation" -> new InvocationTarget.Idempotent(text(json, "service"),
                    json.hasNonNull("key") ? Optional.of(text(json, "key")) : Optional.empty(), text(json, "handler"), text(json, "idempotencyKey"));
            default -> throw new IngressError(400, "bad body: unknown target '" + kind
                    + "', expected one of 'workflow', 'idempotentInvocation', 'invocation'");
        };
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IngressError(400, "bad body: the field \"" + field + "\" must be a string");
        }
        return value.asText();
    }
}
