package dev.resolute.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.resolute.spi.http.JsonError;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI's JSON API under {@code /ui/api/} (docs/ui-api.md): a small route table of method and path pattern
 * ({@code {name}} placeholders match one segment, decoded) to route, and the one place that turns what a route
 * answers or throws into the response. Every error is a JSON body {@code {"message": "…"}}.
 */
final class UiApi {
    private static final Logger LOG = LoggerFactory.getLogger(UiApi.class);

    /** One route's work: what it answers for a call. */
    @FunctionalInterface
    interface Route {
        ApiReply answer(ApiCall call) throws Exception;
    }

    private record Entry(String method, List<String> pattern, Route route) {
    }

    private final List<Entry> routes = new ArrayList<>();

    /** Adds a route; {@code pattern} is relative to {@code /ui/api/}, such as {@code invocations/{id}/journal}. */
    UiApi on(String method, String pattern, Route route) {
        routes.add(new Entry(method, List.of(pattern.split("/")), route));
        return this;
    }

    /** @param path the request path after {@code /ui/api}, still percent-encoded */
    void handle(Request request, Response response, Callback callback, String path) {
        ApiReply reply;
        try {
            reply = route(request, path);
        } catch (ApiException e) {
            reply = error(e.status(), e.getMessage());
        } catch (JsonProcessingException e) {
            reply = error(400, "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) { // the browser SPI's word for a malformed id or cursor
            reply = error(400, e.getMessage());
        } catch (Exception e) {
            LOG.warn("UI API request {} {} failed", request.getMethod(), request.getHttpURI(), e);
            reply = error(500, "Internal server error: " + e);
        }
        write(request, response, callback, reply);
    }

    private ApiReply route(Request request, String path) throws Exception {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD") && crossOrigin(request)) {
            throw new ApiException(403, "The UI API refuses a change asked by another site (Origin: " + request.getHeaders().get(HttpHeader.ORIGIN)
                    + "): open the UI from this server");
        }
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        Set<String> allowed = new LinkedHashSet<>();
        for (Entry entry : routes) {
            List<String> parameters = match(entry.pattern(), segments);
            if (parameters == null) {
                continue;
            }
            if (!entry.method().equals(request.getMethod())) {
                allowed.add(entry.method());
                continue;
            }
            return entry.route().answer(new ApiCall(request, parameters, Request.extractQueryParameters(request, StandardCharsets.UTF_8)));
        }
        if (!allowed.isEmpty()) {
            return new ApiReply.Failure(JsonError.message(405, request.getMethod() + " is not allowed on /ui/api" + path + "; allowed: "
                    + String.join(", ", allowed)).header("Allow", String.join(", ", allowed)));
        }
        throw ApiException.notFound("There is no UI API route " + request.getMethod() + " /ui/api" + path);
    }

    /**
     * Whether a browser sent this request from a page of another origin: a web page anywhere may make the browser post
     * a form or a plain-text body to the admin port, which carries no credentials to check; browsers always name the
     * page's origin on such a request, clients outside browsers send none.
     */
    static boolean crossOrigin(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return false;
        }
        HttpURI from;
        try {
            from = HttpURI.from(origin);
        } catch (IllegalArgumentException e) {
            return true;
        }
        HttpURI to = request.getHttpURI();
        // ports only when both name one: behind a TLS proxy the page is https://host while the admin port sees Host: host
        return from.getHost() == null || !from.getHost().equalsIgnoreCase(to.getHost())
                || from.getPort() > 0 && to.getPort() > 0 && from.getPort() != to.getPort();
    }

    private static List<String> match(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) {
            return null;
        }
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < pattern.size(); i++) {
            String want = pattern.get(i);
            if (want.startsWith("{")) {
                parameters.add(URLDecoder.decode(segments.get(i).replace("+", "%2B"), StandardCharsets.UTF_8));
            } else if (!want.equals(segments.get(i))) {
                return null;
            }
        }
        return parameters;
    }

    private static ApiReply failed(Request request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException e) {
            return error(e.status(), e.getMessage());
        }
        LOG.warn("UI API request {} {} failed", request.getMethod(), request.getHttpURI(), cause);
        return error(500, "Internal server error: " + cause);
    }

    private static ApiReply error(int status, String message) {
        return new ApiReply.Failure(JsonError.message(status, message));
    }

    private static void write(Request request, Response response, Callback callback, ApiReply reply) {
        if (reply instanceof ApiReply.Failure failure) {
            failure.error().write(response, callback);
        } else if (reply instanceof ApiReply.Json json) {
            response.setStatus(json.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(UiJson.bytes(json.body())), callback);
        } else if (reply instanceof ApiReply.Download download) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, download.contentType());
            response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION,
                    "attachment; filename=\"" + download.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.write(true, ByteBuffer.wrap(download.body()), callback);
        } else if (reply instanceof ApiReply.Later later) {
            later.reply().whenComplete((answer, failure) -> write(request, response, callback, answer != null ? answer : failed(request, failure)));
        } else {
            ((ApiReply.Streamed) reply).write(request, response, callback);
        }
    }
}
