package dev.resolute.spi.http;

import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What an {@link dev.resolute.spi.HttpHost} puts around every handler it serves, so endpoints do not
 * each repeat it: it reports every request to a counter, and once the handler has completed its answer
 * it reads whatever the handler left unread of an HTTP/1 request body.
 *
 * <p>Why: a handler that answers before reading the body (a 404, 405, 400 or 413 decided from the path
 * and headers) leaves bytes on the connection; Jetty then closes the connection instead of reading the
 * next request, and an HTTP/1.1 client that sends its next request on it meets a closed socket. Reading
 * the rest keeps the connection. At most {@link #MAX_UNREAD} bytes are read; a longer rest, a body the
 * client only sends after {@code 100 Continue}, and HTTP/2 streams (which end on their own) are left to
 * Jetty, which closes or resets.
 *
 * <p>The kernel serves every endpoint and its own 404 and 503 answers through one instance; tests that
 * serve an endpoint's handler without the kernel wrap it the same way.
 */
public final class HttpPlumbing extends Handler.Wrapper {
    /** The most this reads of a body a handler left unread: as much as the ingress accepts by default. */
    public static final long MAX_UNREAD = 32L * 1024 * 1024;

    private final Consumer<Request> counter;

    /**
     * @param handler the handler that answers
     * @param counter told of every request before the handler sees it (the host's request counters)
     */
    public HttpPlumbing(Handler handler, Consumer<Request> counter) {
        super(Objects.requireNonNull(handler, "handler"));
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    /** Wraps {@code handler} without counting. */
    public HttpPlumbing(Handler handler) {
        this(handler, request -> { });
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        counter.accept(request);
        if (!mayDrain(request)) {
            return super.handle(request, response, callback);
        }
        return super.handle(request, response, new Callback() {
            @Override
            public void succeeded() {
                drain(request, MAX_UNREAD, callback);
            }

            @Override
            public void failed(Throwable failure) {
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        });
    }

    private static boolean mayDrain(Request request) {
        HttpVersion version = request.getConnectionMetaData().getHttpVersion();
        long length = request.getLength(); // -1 when the body is chunked
        return version.getVersion() <= HttpVersion.HTTP_1_1.getVersion() && length != 0 && length <= MAX_UNREAD
                // Jetty sends 100 Continue on the first demand; after the answer that would be a second answer
                && !request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
    }

    /** Reads and drops the rest of the body (up to {@code budget} bytes), then completes {@code done}. */
    private static void drain(Request request, long budget, Callback done) {
        long left = budget;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                long remaining = left;
                request.demand(() -> drain(request, remaining, done));
                return;
            }
            // a failed read or an over-long body: Jetty closes the connection at completion, as without us
            if (Content.Chunk.isFailure(chunk)) {
                done.succeeded();
                return;
            }
            left -= chunk.remaining();
            chunk.release();
            if (chunk.isLast() || left < 0) {
                done.succeeded();
                return;
            }
        }
    }
}
