package dev.resolute.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.InputRules;
import dev.resolute.spi.schema.OutputRules;
import dev.resolute.spi.schema.Service;
import java.util.Optional;

/**
 * The OpenAPI 3.1 document of {@code GET /services/{name}/openapi}: how to call one service through the
 * ingress (restate-protocol.md §3.1), built from the input and output rules its manifest declared. Each
 * public handler gets a call path ({@code /{service}/{handler}}, keyed services with a {@code {key}} path
 * parameter) and a {@code /send} path with the optional {@code delay}; private handlers are left out,
 * because the ingress refuses them.
 */
final class ServiceOpenApi {
    static final String VERSION = "3.1.0";
    private static final String ERROR = "#/components/responses/Error";
    private static final String SEND = "#/components/responses/Send";

    private ServiceOpenApi() {
    }

    /**
     * @param ingress the ingress's advertised URL, the document's server when known
     */
    static ObjectNode of(Service service, Optional<String> ingress) {
        ObjectNode doc = AdminJson.JSON.createObjectNode();
        doc.put("openapi", VERSION);
        ObjectNode info = doc.putObject("info");
        info.put("title", service.name());
        info.put("version", Integer.toString(service.revision()));
        service.documentation().ifPresent(d -> info.put("description", d));
        // without its trailing slash: OpenAPI appends paths that start with one
        ingress.ifPresent(url -> doc.putArray("servers").addObject().put("url", url.replaceAll("/+$", "")));
        ObjectNode paths = doc.putObject("paths");
        String prefix = "/" + service.name() + (service.type().isKeyed() ? "/{key}/" : "/");
        for (Handler handler : service.handlers()) {
            if (!handler.isPublic()) {
                continue;
            }
            String path = prefix + handler.name();
            ObjectNode call = paths.putObject(path).putObject("post");
            operation(call, handler, handler.name(), "Call " + handler.name());
            ObjectNode callResponses = call.putObject("responses");
            response(callResponses.putObject("200"), handler.output());
            callResponses.putObject("default").put("$ref", ERROR);

            ObjectNode send = paths.putObject(path + "/send").putObject("post");
            operation(send, handler, handler.name() + "_send", "Send to " + handler.name() + " without waiting for its result");
            send.putArray("parameters").addObject().put("$ref", "#/components/parameters/delay");
            ObjectNode sendResponses = send.putObject("responses");
            sendResponses.putObject("202").put("$ref", SEND);
            sendResponses.putObject("default").put("$ref", ERROR);
        }
        if (service.type().isKeyed()) {
            // every path of a keyed service has the key, so it is declared once per path item
            paths.fields().forEachRemaining(p -> ((ObjectNode) p.getValue()).putArray("parameters").addObject()
                    .put("$ref", "#/components/parameters/key"));
        }
        doc.set("components", components());
        return doc;
    }

    private static void operation(ObjectNode operation, Handler handler, String id, String summary) {
        operation.put("operationId", id);
        operation.put("summary", summary);
        handler.documentation().ifPresent(d -> operation.put("description", d));
        requestBody(handler.input()).ifPresent(body -> operation.set("requestBody", body));
    }

    /** None when the handler takes no body at all (an input rule without a content type). */
    private static Optional<ObjectNode> requestBody(InputRules input) {
        return input.contentType().map(type -> {
            ObjectNode body = AdminJson.JSON.createObjectNode();
            body.put("required", input.required());
            ObjectNode media = body.putObject("content").putObject(type);
            input.jsonSchema().ifPresent(schema -> media.set("schema", parse(schema)));
            return body;
        });
    }

    private static void response(ObjectNode response, OutputRules output) {
        response.put("description", "The handler's result");
        output.contentType().ifPresent(type -> {
            ObjectNode media = response.putObject("content").putObject(type);
            output.jsonSchema().ifPresent(schema -> media.set("schema", parse(schema)));
        });
    }

    private static ObjectNode components() {
        ObjectNode components = AdminJson.JSON.createObjectNode();
        ObjectNode parameters = components.putObject("parameters");
        parameters.set("key", parameter("key", "path", true, "The virtual object's key or the workflow's id"));
        parameters.set("delay", parameter("delay", "query", false,
                "Run the handler after this delay: a duration such as 10s, 500ms or PT2S"));

        ObjectNode schemas = components.putObject("schemas");
        // the ingress's error body (restate-protocol.md §3.5), for its own errors and a handler's terminal failure
        ObjectNode errorProperties = object(schemas.putObject("Error"), "code", "message");
        errorProperties.putObject("code").put("type", "integer").put("description", "An HTTP status or the failure's code");
        errorProperties.putObject("message").put("type", "string");
        errorProperties.putObject("stacktrace").put("type", "string");
        errorProperties.putObject("metadata").put("type", "object").putObject("additionalProperties").put("type", "string");
        errorProperties.putObject("source").put("type", "string").putArray("enum").add("ingress").add("invocation");
        ObjectNode sendProperties = object(schemas.putObject("SendResponse"), "invocationId", "status");
        sendProperties.putObject("invocationId").put("type", "string");
        sendProperties.putObject("status").put("type", "string").putArray("enum").add("Accepted").add("PreviouslyAccepted");
        sendProperties.putObject("executionTime").put("type", "string").put("format", "date-time");

        ObjectNode responses = components.putObject("responses");
        jsonResponse(responses.putObject("Error"), "An error from the ingress or the handler's terminal failure", "Error");
        jsonResponse(responses.putObject("Send"), "The invocation was accepted", "SendResponse");
        return components;
    }

    private static ObjectNode parameter(String name, String in, boolean required, String description) {
        ObjectNode parameter = AdminJson.JSON.createObjectNode();
        parameter.put("name", name).put("in", in).put("required", required).put("description", description);
        parameter.putObject("schema").put("type", "string");
        return parameter;
    }

    /** Makes {@code schema} an object schema with these required members; answers its empty {@code properties}. */
    private static ObjectNode object(ObjectNode schema, String... required) {
        schema.put("type", "object");
        ArrayNode names = schema.putArray("required");
        for (String name : required) {
            names.add(name);
        }
        return schema.putObject("properties");
    }

    private static void jsonResponse(ObjectNode response, String description, String schema) {
        response.put("description", description);
        response.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + schema);
    }

    /** The registry keeps the manifest's schema as JSON text it parsed once, so it parses again. */
    private static JsonNode parse(String schema) {
        try {
            return AdminJson.JSON.readTree(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON schema is not JSON: " + schema, e);
        }
    }
}
