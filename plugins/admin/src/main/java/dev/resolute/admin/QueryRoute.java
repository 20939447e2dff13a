package dev.resolute.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.spi.http.JsonError;
import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.QueryResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /query} (reference §4.6): runs {@code {"query": "…"}} on the node's {@link QueryEngine} and streams
 * the rows — {@code {"rows":[…]}} for {@code accept: application/json} exactly, an Arrow IPC stream otherwise — as
 * they are computed. Errors are the admin API's JSON: a bad query 400, too many queries 429 with Retry-After, a
 * failed read 500, and 501 naming the plugin to install when the node has no SQL engine.
 */
final class QueryRoute {
    static final String ARROW_STREAM = "application/vnd.apache.arrow.stream";
    private static final int BUFFER = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(QueryRoute.class);

    /** What {@code /query} answers: rows to stream, or an error (exactly one is set). */
    record Answer(Rows rows, JsonError error) {
    }

    private final Optional<QueryEngine> engine;

    QueryRoute(Optional<QueryEngine> engine) {
        this.engine = engine;
    }

    Answer answer(byte[] body, String accept) {
        if (engine.isEmpty()) {
            return failed(501, "This node has no SQL engine: install the sql plugin (the folder plugins/sql of the distribution) to query"
                    + " invocations, journals and state");
        }
        JsonNode query;
        try {
            query = AdminJson.JSON.readTree(body);
        } catch (IOException e) {
            return failed(400, "The body must be a JSON object {\"query\": \"<SQL>\"}: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (query == null || !query.isObject() || !query.path("query").isTextual()) {
            return failed(400, "The body must be a JSON object {\"query\": \"<SQL>\"} with the query as a string");
        }
        try {
            QueryResult result = engine.get().execute(query.get("query").textValue());
            return new Answer(new Rows(result, "application/json".equals(accept)), null);
        } catch (QueryException e) {
            return new Answer(null, error(e));
        }
    }

    private static Answer failed(int status, String message) {
        return new Answer(null, AdminJson.error(status, message, Optional.empty()));
    }

    static JsonError error(QueryException e) {
        return switch (e.kind()) {
            case INVALID, UNSUPPORTED, RESOURCES_EXHAUSTED -> AdminJson.error(400, e.getMessage(), Optional.empty());
            case BUSY -> AdminJson.error(429, e.getMessage(), Optional.empty()).header("Retry-After", "1");
            case FAILED -> AdminJson.error(500, e.getMessage(), Optional.empty());
        };
    }

    /** A query's rows on their way to the client; the result is closed however the answer ends. */
    record Rows(QueryResult result, boolean json) {
        void send(Response response, Callback callback) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, json ? "application/json" : ARROW_STREAM);
            // buffered: a small result goes out in one write, and an error before the first flush can still be a JSON error
            OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), BUFFER);
            try (result) {
                if (json) {
                    result.writeJsonRows(out);
                } else {
                    result.writeArrowStream(out);
                }
                out.close();
            } catch (QueryException e) {
                if (response.isCommitted()) {
                    LOG.warn("query failed after its first rows were sent: {}", e.getMessage());
                    callback.failed(e);
                } else {
                    error(e).write(response, callback);
                }
                return;
            } catch (IOException | RuntimeException e) {
                // the client went away (or the stream broke): the result is closed, which ends the scans
                callback.failed(e);
                return;
            }
            callback.succeeded();
        }
    }
}
