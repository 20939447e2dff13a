package dev.resolute.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** What an API route answers. */
sealed interface ApiReply {

    /** A JSON body with a status. */
    record Json(int status, JsonNode body) implements ApiReply {
    }

    /** An error: Restate's JSON error body. */
    record Failure(dev.resolute.spi.http.JsonError error) implements ApiReply {
    }

    /** A file the browser saves ({@code Content-Disposition: attachment}). */
    record Download(String contentType, String fileName, byte[] body) implements ApiReply {
    }

    /** An answer that comes later, without holding a request thread meanwhile. */
    record Later(CompletableFuture<ApiReply> reply) implements ApiReply {
    }

    /** A route that writes the response itself (the event stream): it completes {@code callback} when done. */
    @FunctionalInterface
    non-sealed interface Streamed extends ApiReply {
        void write(Request request, Response response, Callback callback);
    }

    static ApiReply ok(JsonNode body) {
        return new Json(200, body);
    }
}
