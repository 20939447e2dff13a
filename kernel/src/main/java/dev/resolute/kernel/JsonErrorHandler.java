package dev.resolute.kernel;

import dev.resolute.spi.http.ErrorShape;
import dev.resolute.spi.http.JsonError;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server's error handler: what Jetty answers on its own (a URI it cannot parse, a URI or header block
 * over the limits, a handler that failed or wrote {@link Response#writeError}) is a JSON error in the shape
 * of the endpoint the connector serves, with a message that says what was wrong, instead of Jetty's HTML
 * page. Jetty decides whether the connection survives, as it does for its own page.
 */
final class JsonErrorHandler implements Request.Handler {
    private final Function<Request, ErrorShape> shapes;

    /** @param shapes the error shape of the endpoint a request reached (by its connector) */
    JsonErrorHandler(Function<Request, ErrorShape> shapes) {
        this.shapes = shapes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        if (status < 400 || status > 599) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
        }
        String detail = request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String text ? text : null;
        if (detail == null && request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof Throwable failure) {
            detail = failure.getMessage();
        }
        JsonError error = shapes.apply(request).error(status, message(status, detail));
        response.getHeaders().put(ErrorHandler.ERROR_CACHE_CONTROL);
        error.write(response, callback);
        return true;
    }

    /** What the client did wrong, in words, with Jetty's own detail where it adds something. */
    static String message(int status, String detail) {
        String what = switch (status) {
            case HttpStatus.BAD_REQUEST_400 -> "bad request";
            case HttpStatus.NOT_FOUND_404 -> "not found";
            case HttpStatus.METHOD_NOT_ALLOWED_405 -> "method not allowed";
            case HttpStatus.PAYLOAD_TOO_LARGE_413 -> "request body too large";
            case HttpStatus.URI_TOO_LONG_414 -> "request URI too long";
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> "request headers too large (too many or too long)";
            case HttpStatus.SERVICE_UNAVAILABLE_503 -> "service unavailable";
            default -> {
                String reason = HttpStatus.getMessage(status);
                yield reason == null ? "error " + status : reason.toLowerCase(java.util.Locale.ROOT);
            }
        };
        if (detail == null || detail.isBlank() || detail.equalsIgnoreCase(what) || detail.equalsIgnoreCase(HttpStatus.getMessage(status))) {
            return what;
        }
        return what + ": " + detail;
    }
}
