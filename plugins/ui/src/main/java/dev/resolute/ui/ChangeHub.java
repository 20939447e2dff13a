package dev.resolute.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.browse.InvocationChange;
import dev.resolute.spi.browse.InvocationChanges;
import java.io.EOFException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream ({@code GET /ui/api/stream}, server-sent events): one watch on the engine's change feed, opened with
 * the first stream, hands every commit's changes to each open {@link ChangeStream}; one timer flushes them all every
 * {@link #TICK_MILLIS} ms, so a stream gets at most 4 {@code changes} events a second. Batch jobs' progress goes to
 * every stream too.
 */
final class ChangeHub implements AutoCloseable {
    static final long TICK_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeHub.class);

    private final Optional<InvocationChanges> feed;
    private final Set<ChangeStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ui-change-stream");
        thread.setDaemon(true);
        return thread;
    });
    private AutoCloseable watch;

    ChangeHub(Optional<InvocationChanges> feed) {
        this.feed = feed;
        timer.scheduleWithFixedDelay(this::flush, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void routes(UiApi api) {
        api.on("GET", "stream", this::open);
    }

    private ApiReply open(ApiCall call) {
        InvocationChanges changes = feed.orElseThrow(() -> new ApiException(503, WorkerAccess.NO_WORKER));
        Set<String> invocations = new HashSet<>(call.texts("invocation"));
        synchronized (this) {
            if (watch == null) {
                watch = changes.watch(this::changed);
            }
        }
        return (ApiReply.Streamed) (request, response, callback) -> {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-transform");
            response.getHeaders().put("X-Accel-Buffering", "no"); // a proxy in front must not hold events back
            ChangeStream stream = new ChangeStream(response, callback, invocations, streams::remove);
            streams.add(stream);
            request.addFailureListener(stream::close); // the client went away (an HTTP/2 reset, a closed connection)
            stream.open();
        };
    }

    /** On an engine thread: hands the changes over without blocking. */
    private void changed(List<InvocationChange> changes) {
        for (ChangeStream stream : streams) {
            stream.offer(changes);
        }
    }

    /** A batch job's progress, for every stream. */
    void batch(ObjectNode progress) {
        for (ChangeStream stream : streams) {
            stream.offerBatch(progress);
        }
    }

    private void flush() {
        for (ChangeStream stream : streams) {
            try {
                stream.flush();
            } catch (RuntimeException e) {
                LOG.warn("an event stream failed; closing it", e);
                stream.close(e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        timer.shutdownNow();
        for (ChangeStream stream : streams) {
            stream.close(new EOFException("the server is stopping"));
        }
        synchronized (this) {
            if (watch != null) {
                watch.close();
                watch = null;
            }
        }
    }
}
