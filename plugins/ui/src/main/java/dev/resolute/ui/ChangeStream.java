package dev.resolute.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.browse.InvocationChange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One browser tab's event stream. Changes arrive on engine threads and only go into this stream's pending set (the
 * latest change per invocation, bounded); a timer {@linkplain #flush flushes} them as one {@code changes} event at
 * most every tick, with one asynchronous write under way at a time. A stream whose client reads too slowly for its
 * pending set is closed, and the browser reconnects and reloads what it shows.
 */
final class ChangeStream {
    /** The most invocations a stream holds changes of while its client has not taken the previous ones. */
    static final int MAX_PENDING = 10_000;
    static final long PING_EVERY_NANOS = 15_000_000_000L;

    private final Response response;
    private final Callback done;
    private final Set<String> invocations;
    private final Consumer<ChangeStream> onClose;
    private final Map<String, InvocationChange> pending = new LinkedHashMap<>();
    private final Map<String, ObjectNode> batches = new LinkedHashMap<>();
    private boolean writing = true; // until open() has written the first bytes: the hub's timer may flush before it
    private boolean closed;
    private long lastWrite = System.nanoTime();

    /**
     * @param invocations the ids this stream follows, or empty for every invocation
     * @param onClose     told once when the stream ends
     */
    ChangeStream(Response response, Callback done, Set<String> invocations, Consumer<ChangeStream> onClose) {
        this.response = response;
        this.done = done;
        this.invocations = Set.copyOf(invocations);
        this.onClose = onClose;
    }

    /** Called on an engine thread: must not block or throw. */
    void offer(List<InvocationChange> changes) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            for (InvocationChange change : changes) {
                if (invocations.isEmpty() || invocations.contains(change.invocationId())) {
                    pending.remove(change.invocationId()); // re-inserted last: the order of the latest changes
                    pending.put(change.invocationId(), change);
                }
            }
            overflow = pending.size() > MAX_PENDING;
        }
        if (overflow) {
            close(new IOException("the client fell behind the changes"));
        }
    }

    /** A batch job's progress: only its latest state is sent. */
    synchronized void offerBatch(ObjectNode progress) {
        if (!closed) {
            batches.put(progress.path("job").asText(), progress);
        }
    }

    /** Writes what is pending as one event each (or a ping after 15 quiet seconds), unless a write is under way. */
    void flush() {
        StringBuilder out = new StringBuilder();
        synchronized (this) {
            if (closed || writing) {
                return;
            }
            if (!pending.isEmpty()) {
                out.append("event: changes\ndata: ").append(changes(pending.values())).append("\n\n");
                pending.clear();
            }
            for (ObjectNode progress : batches.values()) {
                out.append("event: batch\ndata: ").append(progress).append("\n\n");
            }
            batches.clear();
            long now = System.nanoTime();
            if (out.isEmpty() && now - lastWrite < PING_EVERY_NANOS) {
                return;
            }
            if (out.isEmpty()) {
                out.append(": ping\n\n");
            }
            lastWrite = now;
            writing = true;
        }
        write(out.toString());
    }

    /** The first bytes, so the client's fetch resolves at once; nothing else is written before them. */
    void open() {
        write(": stream open\n\n");
    }

    private void write(String text) {
        response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), Callback.from(() -> {
            synchronized (this) {
                writing = false;
            }
        }, this::close));
    }

    /** Ends the stream with {@code cause}: the connection is dropped, so the client sees it end and reconnects. */
    void close(Throwable cause) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pending.clear();
            batches.clear();
        }
        onClose.accept(this);
        done.failed(cause);
    }

    private static String changes(Iterable<InvocationChange> changes) {
        ArrayNode list = UiJson.JSON.createArrayNode();
        for (InvocationChange c : changes) {
            list.addObject().put("id", c.invocationId()).put("service", c.service()).put("handler", c.handler()).put("status", c.status())
                    .put("journal_length", c.journalLength()).put("retry_count", c.retryCount());
        }
        return list.toString();
    }
}
