package dev.resolute.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.Health;
import dev.resolute.spi.http.ErrorShape;
import dev.resolute.spi.http.JsonError;
import dev.resolute.spi.invocation.EngineInfo;
import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.spi.invocation.ObjectStates;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.DeploymentUpdate;
import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.RegisterRequest;
import dev.resolute.spi.schema.RegisterResult;
import dev.resolute.spi.schema.RegisterResult.Outcome;
import dev.resolute.spi.schema.ResolvedService;
import dev.resolute.spi.schema.SchemaException;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.schema.ServiceChange;
import dev.resolute.spi.schema.ServiceType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API for deployments and services (restate-protocol.md §4), plus {@code /health} and
 * {@code /version}. Routes answer unprefixed and under {@code /v2}-{@code /v4}; every error is
 * Restate's JSON error body, because the CLI parses every non-2xx answer as one.
 */
final class AdminHandler extends org.eclipse.jetty.server.Handler.Abstract implements ErrorShape {
    /** What {@code /version} reports: semver at least 1.5, so the CLI uses its current request shapes. */
    static final String VERSION = "1.7.0";
    static final int MIN_API = 2;
    static final int MAX_API = 4;
    private static final int MAX_BODY = 1024 * 1024;
    private static final Pattern VERSIONED = Pattern.compile("/v(\\d{1,4})(/.*)?");
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    /** One answer: status, extra headers, and a body with its content type (or none). */
    private record Reply(int status, Map<String, String> headers, String contentType, byte[] body, QueryRoute.Rows rows) {
        Reply(int status, Map<String, String> headers, String contentType, byte[] body) {
            this(status, headers, contentType, body, null);
        }

        static Reply of(QueryRoute.Answer answer) {
            return answer.rows() != null ? new Reply(200, Map.of(), null, new byte[0], answer.rows()) : of(answer.error());
        }

        static Reply json(int status, JsonNode node) {
            return new Reply(status, Map.of(), "application/json", AdminJson.bytes(node));
        }

        static Reply empty(int status) {
            return new Reply(status, Map.of(), null, new byte[0]);
        }

        static Reply error(int status, String message) {
            return of(AdminJson.error(status, message, Optional.empty()));
        }

        static Reply of(JsonError error) {
            return new Reply(error.status(), error.headers(), "application/json", error.body());
        }
    }

    /** One routed request: its API version (0 unprefixed) and the route's placeholders in order. */
    private record Call(Request request, int apiVersion, List<String> parameters) {
        String parameter(int index) {
            return parameters.get(index);
        }
    }

    private final Schemas schemas;
    private final boolean workerRuns;
    private final InvocationOptions engineDefaults;
    private final Optional<ObjectStates> objectStates;
    private final Supplier<Optional<String>> ingressEndpoint;
    private final RouteTable<Function<Call, Reply>> routes;

    /**
     * @param engine          the worker's engine on this node, if it runs one
     * @param objectStates    the worker's writes to object state, if it runs here
     * @param control         the worker's invocation management on this node, if it runs one
     * @param queryEngine     the sql plugin's engine, if installed ({@code /query} answers 501 without it)
     * @param ingressEndpoint the ingress's advertised URL, known once the listeners are bound
     * @param health          the node's health, which {@code /health} reports
     */
    AdminHandler(Schemas schemas, Optional<EngineInfo> engine, Optional<ObjectStates> objectStates, Optional<InvocationControl> control,
                 Optional<QueryEngine> queryEngine, Supplier<Optional<String>> ingressEndpoint,
                 Health health) {
        this.schemas = schemas;
        this.objectStates = objectStates;
        this.workerRuns = engine.isPresent();
        // without an engine, nothing is configured: service JSON shows Restate's defaults, as Restate does then
        this.engineDefaults = engine.map(EngineInfo::defaults).orElse(InvocationOptions.NONE);
        this.ingressEndpoint = ingressEndpoint;
        QueryRoute queries = new QueryRoute(queryEngine);
        this.routes = new RouteTable<Function<Call, Reply>>()
                .on("GET", "health", call -> health(health))
                .on("HEAD", "health", call -> health(health))
                .on("GET", "version", call -> Reply.json(200, AdminJson.version(ingressEndpoint.get())))
                .on("GET", "deployments", call -> deployments())
                .on("POST", "deployments", call -> register(call.request(), call.apiVersion()))
                .on("GET", "deployments/{id}", call -> deployment(call.request(), "GET", call.parameter(0)))
                .on("DELETE", "deployments/{id}", call -> deployment(call.request(), "DELETE", call.parameter(0)))
                .on("PATCH", "deployments/{id}", call -> updateDeployment(call.request(), call.parameter(0)))
                .on("GET", "services", call -> services())
                .on("GET", "services/{service}", call -> Reply.json(200, serviceJson(resolve(call.parameter(0)))))
                .on("PATCH", "services/{service}", call -> modifyService(call.request(), call.parameter(0)))
                .on("POST", "services/{service}/state", call -> modifyState(call.request(), call.parameter(0)))
                .on("GET", "services/{service}/openapi",
                        call -> Reply.json(200, ServiceOpenApi.of(resolve(call.parameter(0)).service(), ingressEndpoint.get())))
                .on("GET", "services/{service}/handlers", call -> handlers(resolve(call.parameter(0))))
                .on("GET", "services/{service}/handlers/{handler}", call -> handler(resolve(call.parameter(0)), call.parameter(1)))
                .on("POST", "query", call -> Reply.of(queries.answer(body(call.request()), call.request().getHeaders().get(HttpHeader.ACCEPT))));
        control.map(InvocationRoutes::new).ifPresent(this::routeInvocations);
    }

    private void routeInvocations(InvocationRoutes invocations) {
        for (String operation : InvocationRoutes.operationNames()) {
            routes.on("PATCH", "invocations/{id}/" + operation, call -> answer(invocations.patch(call.parameter(0), operation, query(call.request()))))
                    .on("POST", "internal/invocations_batch_operations/" + operation, call -> answer(invocations.batch(operation, body(call.request()))));
        }
        routes.on("DELETE", "invocations/{id}",
                call -> answer(invocations.delete(call.parameter(0), Optional.ofNullable(query(call.request()).get("mode")))));
    }

    private static Reply answer(InvocationRoutes.Answer answer) {
        return new Reply(answer.status(), Map.of(), answer.body().length == 0 ? null : "application/json", answer.body());
    }

    private static Map<String, String> query(Request request) {
        Map<String, String> query = new HashMap<>();
        Request.extractQueryParameters(request).forEach(field -> query.put(field.getName(), field.getValue()));
        return query;
    }

    /** What the host answers for this listener on its own (a URI or headers Jetty refused): the admin API's error shape. */
    @Override
    public JsonError error(int status, String message) {
        return AdminJson.error(status, message, Optional.empty());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Reply reply;
        try {
            reply = route(request, Request.getPathInContext(request), request.getMethod());
        } catch (SchemaException e) {
            if (e.kind() == SchemaException.Kind.UNAVAILABLE) {
                LOG.warn("schema registry storage failed", e);
            }
            reply = Reply.of(AdminJson.error(status(e.kind()), e.getMessage(), e.restateCode()));
        } catch (BodyTooLarge e) {
            reply = Reply.error(413, e.getMessage());
        } catch (IllegalArgumentException e) {
            reply = Reply.error(400, e.getMessage());
        } catch (InvocationRoutes.Unavailable e) {
            reply = Reply.error(503, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("admin request {} {} failed", request.getMethod(), request.getHttpURI(), e);
            reply = Reply.error(500, "Internal server error: " + e);
        }
        if (reply.rows() != null) {
            reply.rows().send(response, callback); // streamed as the rows are computed
            return true;
        }
        response.setStatus(reply.status());
        reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (reply.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        }
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
    }

    private Reply route(Request request, String path, String method) {
        int apiVersion = 0; // unprefixed: the latest behaviour, as Restate's "unknown" version
        Matcher versioned = VERSIONED.matcher(path);
        if (versioned.matches()) {
            apiVersion = Integer.parseInt(versioned.group(1));
            if (apiVersion < MIN_API || apiVersion > MAX_API) {
                // Restate answers this one in plain text; JSON like every other error, as the CLI parses error bodies
                return Reply.error(400, "Unsupported Admin API version V" + apiVersion + ". This server supports versions between V"
                        + MIN_API + " and V" + MAX_API + ".");
            }
            path = versioned.group(2) == null ? "/" : versioned.group(2);
        }
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (!workerRuns) {
            Optional<String> refusal = WorkerRoutes.refusal(segments);
            if (refusal.isPresent()) {
                return Reply.error(503, refusal.get());
            }
        }
        Optional<RouteTable.Match<Function<Call, Reply>>> match = routes.find(method, segments);
        if (match.isEmpty()) {
            return Reply.error(404, "There is no admin API route " + method + " " + Request.getPathInContext(request));
        }
        int version = apiVersion;
        return match.get().action().map(action -> action.apply(new Call(request, version, match.get().parameters())))
                .orElseGet(() -> notAllowed(match.get().allowed()));
    }

    /** 200 while the node is healthy; 503 naming every problem a plugin reported (a stopped partition). */
    private static Reply health(Health health) {
        return health.problems().isEmpty() ? Reply.empty(200)
                : new Reply(503, Map.of(), "application/json", health.unhealthyJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Reply deployments() {
        ArrayNode list = AdminJson.JSON.createArrayNode();
        schemas.deployments().forEach(d -> list.add(AdminJson.deployment(d, false, engineDefaults)));
        ObjectNode body = AdminJson.JSON.createObjectNode();
        body.set("deployments", list);
        return Reply.json(200, body);
    }

    private Reply services() {
        ArrayNode services = AdminJson.JSON.createArrayNode();
        // resolve each name: a service removed meanwhile is skipped instead of failing the listing
        schemas.services().forEach(s -> schemas.resolve(s.name()).ifPresent(r -> services.add(serviceJson(r))));
        ObjectNode body = AdminJson.JSON.createObjectNode();
        body.set("services", services);
        return Reply.json(200, body);
    }

    private Reply register(Request request, int apiVersion) {
        RegisterRequest registration = RegisterBody.parse(body(request), apiVersion);
        RegisterResult result = schemas.register(registration);
        Deployment d = result.deployment();
        boolean legacy = apiVersion == 2; // v2 answers 409 for an unchanged deployment and 201 for an overwritten one
        if (result.outcome() == Outcome.UNCHANGED && legacy) {
            throw new SchemaException(SchemaException.Kind.CONFLICT, "Conflict: deployment " + d.id() + " already exists");
        }
        if (!registration.dryRun() && result.outcome() != Outcome.UNCHANGED) {
            LOG.info("{} deployment {} at {} serving {}", result.outcome() == Outcome.CREATED ? "registered" : "overwrote",
                    d.id(), d.uri(), d.services().stream().map(s -> s.name() + " [" + s.revision() + "]").toList());
        }
        int status = result.outcome() == Outcome.CREATED || (legacy && result.outcome() == Outcome.OVERWRITTEN) ? 201 : 200;
        return new Reply(status, Map.of("Location", "deployments/" + d.id()), "application/json",
                AdminJson.bytes(AdminJson.registered(d, engineDefaults)));
    }

    private Reply deployment(Request request, String method, String id) {
        Optional<Deployment> found = schemas.deployment(id); // refuses a malformed id: 400 saying why
        if (method.equals("GET")) {
            return found.map(d -> Reply.json(200, AdminJson.deployment(d, true, engineDefaults)))
                    .orElseGet(() -> Reply.error(404, "The requested deployment '" + id + "' does not exist"));
        }
        if (!"true".equals(Request.extractQueryParameters(request).getValue("force"))) {
            return Reply.error(501, "Graceful removal (force=false) is not implemented, as in Restate: remove with ?force=true,"
                    + " which drops the deployment at once, also while invocations still run on it");
        }
        schemas.removeDeployment(id);
        LOG.info("removed deployment {}", id);
        return Reply.empty(202);
    }

    /** {@code PUT} (deprecated in Restate) is not routed, so it answers 405 naming the methods that are. */
    private Reply updateDeployment(Request request, String id) {
        if (schemas.deployment(id).isEmpty()) { // refuses a malformed id first: 400 saying why
            return Reply.error(404, "The requested deployment '" + id + "' does not exist");
        }
        DeploymentUpdate update = UpdateDeploymentBody.parse(body(request));
        Deployment updated = schemas.updateDeployment(id, update);
        if (!update.dryRun()) {
            LOG.info("updated deployment {} at {} serving {}", id, updated.uri(),
                    updated.services().stream().map(s -> s.name() + " [" + s.revision() + "]").toList());
        }
        return Reply.json(200, AdminJson.deployment(updated, true, engineDefaults));
    }

    private Reply modifyService(Request request, String name) {
        resolve(name); // an unknown service is a 404 even when the body is bad, as Restate checks the path first
        ServiceChange change = ModifyServiceBody.parse(body(request));
        schemas.modifyService(name, change);
        LOG.info("modified service {}: {}", name, change);
        return Reply.json(200, serviceJson(resolve(name)));
    }

    /** 202 once the replacement is durably queued: it applies in order with the object's inbox, as in Restate. */
    private Reply modifyState(Request request, String name) {
        ServiceType type = resolve(name).service().type(); // the path first: an unknown service is a 404 whatever the body
        if (!type.isKeyed()) {
            return Reply.error(400, "Cannot modify state for service type Service");
        }
        ModifyStateBody change = ModifyStateBody.parse(body(request));
        if (objectStates.isEmpty()) {
            return Reply.error(503, WorkerRoutes.refusal(List.of("services", name, "state")).orElseThrow());
        }
        try {
            objectStates.get().replaceState(name, change.objectKey(), change.newState(), change.version()).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return Reply.error(e.getCause() instanceof InvocationException ? 503 : 500, String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return Reply.error(503, "The state change was not stored within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error(503, "Interrupted while storing the state change");
        }
        LOG.info("queued a replacement of the state of {}/{}: keys {}{}", name, change.objectKey(), change.newState().keySet(),
                change.version().map(v -> ", if its version is still " + v).orElse(""));
        return Reply.empty(202);
    }

    private Reply handlers(ResolvedService resolved) {
        ArrayNode list = AdminJson.JSON.createArrayNode();
        resolved.service().handlers().forEach(h -> list.add(AdminJson.handler(h, resolved.service().type(), resolved.deployment().protocolMode())));
        ObjectNode body = AdminJson.JSON.createObjectNode();
        body.set("handlers", list);
        return Reply.json(200, body);
    }

    private Reply handler(ResolvedService resolved, String name) {
        Handler handler = resolved.handler(name).orElseThrow(() -> new SchemaException(SchemaException.Kind.NOT_FOUND,
                "The requested handler '" + name + "' on service '" + resolved.service().name() + "' does not exist"));
        return Reply.json(200, AdminJson.handler(handler, resolved.service().type(), resolved.deployment().protocolMode()));
    }

    private ResolvedService resolve(String service) {
        return schemas.resolve(service).orElseThrow(() -> new SchemaException(SchemaException.Kind.NOT_FOUND,
                "The requested service '" + service + "' does not exist"));
    }

    private ObjectNode serviceJson(ResolvedService resolved) {
        return AdminJson.service(resolved.service(), resolved.deployment().protocolMode(), engineDefaults);
    }

    private static byte[] body(Request request) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new BodyTooLarge("The request body is larger than " + MAX_BODY + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new IllegalArgumentException("Failed to read the request body: " + e.getMessage(), e);
        }
    }

    /** A request body over {@link #MAX_BODY}: 413, as Restate's admin API answers it. */
    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge(String message) {
            super(message);
        }
    }

    private static Reply notAllowed(String allowed) {
        return Reply.of(AdminJson.error(405, "Method not allowed here; allowed: " + allowed, Optional.empty()).header("Allow", allowed));
    }

    private static int status(SchemaException.Kind kind) {
        return switch (kind) {
            // discovery failures are the deployment's fault (unreachable, a bad manifest, a protocol range we do
            // not speak): a 4xx with the META code, where Restate answers 500; 5xx stays for our own faults
            case INVALID_REQUEST, INVALID_SERVICE, UNREACHABLE, BAD_MANIFEST, UNSUPPORTED_PROTOCOL -> 400;
            case NOT_FOUND -> 404;
            case INCOMPATIBLE_CHANGE, CONFLICT -> 409;
            case UNAVAILABLE -> 503;
        };
    }
}
