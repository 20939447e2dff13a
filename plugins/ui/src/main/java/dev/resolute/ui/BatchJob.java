package dev.resolute.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.browse.InvocationBrowser;
import dev.resolute.spi.browse.InvocationQuery;
import dev.resolute.spi.browse.RowPage;
import dev.resolute.spi.invocation.ControlResult;
import dev.resolute.spi.invocation.InvocationControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * One operation applied to many invocations: the listed ids, or every invocation a filter matches, paged newest first
 * through the browser (the keyset cursor stays valid while the operation changes or removes what it passed), each page
 * applied with at most {@link #IN_FLIGHT} operations under way at once. Its progress is read with {@link #progress()}
 * from any thread and reported to a listener as it moves.
 */
final class BatchJob implements Runnable {
    /** How many operations may be under way at once: enough to keep the engine busy, few enough to leave it room for traffic. */
    static final int IN_FLIGHT = 16;
    private static final int MAX_FAILURES = 100;
    private static final int PAGE = 1000;
    private static final long REPORT_EVERY_NANOS = 250_000_000L;

    /** The operation on one id. */
    @FunctionalInterface
    interface Operation {
        CompletableFuture<ControlResult> apply(InvocationControl control, String id);
    }

    private final String id;
    private final String operationName;
    private final Operation operation;
    private final InvocationControl control;
    private final InvocationBrowser browser;
    private final List<String> ids;
    private final Optional<InvocationQuery> filter;
    private final long total;
    private final Consumer<ObjectNode> listener;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final List<ObjectNode> failures = new ArrayList<>();
    private long done;
    private long succeeded;
    private boolean finished;
    private long reportedAt;

    /**
     * @param ids      the invocations to apply it to, when {@code filter} is empty
     * @param filter   the invocations to apply it to, found page by page
     * @param total    how many the job expects to touch (the count shown before it started)
     * @param listener told of the progress while the job runs, at most 4 times a second, and when it finishes
     */
    BatchJob(String id, String operationName, Operation operation, InvocationControl control, InvocationBrowser browser, List<String> ids,
             Optional<InvocationQuery> filter, long total, Consumer<ObjectNode> listener) {
        this.id = id;
        this.operationName = operationName;
        this.operation = operation;
        this.control = control;
        this.browser = browser;
        this.ids = List.copyOf(ids);
        this.filter = filter.map(q -> new InvocationQuery(q.ids(), q.statuses(), q.services(), q.handlers(), q.key(), q.deployment(),
                q.idempotencyKey(), q.createdFrom(), q.createdBefore(), q.failureText(), Optional.empty(), PAGE, q.scanBudget()));
        this.total = total;
        this.listener = listener;
    }

    String id() {
        return id;
    }

    @Override
    public void run() {
        try {
            if (filter.isEmpty()) {
                ids.forEach(this::apply);
            } else {
                InvocationQuery query = filter.get();
                Optional<String> cursor = Optional.empty();
                do {
                    RowPage page = browser.invocations(query.from(cursor));
                    page.rows().forEach(row -> apply((String) RowsJson.value(page.columns(), row, "id")));
                    cursor = page.nextCursor();
                } while (cursor.isPresent());
            }
            inFlight.acquire(IN_FLIGHT); // every operation answered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("the job was stopped: the server is stopping");
        } catch (RuntimeException e) {
            fail("the job stopped: " + e.getMessage());
        }
        synchronized (this) {
            finished = true;
        }
        listener.accept(progress());
    }

    private void apply(String invocation) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        CompletableFuture<ControlResult> result;
        try {
            result = operation.apply(control, invocation);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((answer, failure) -> {
            record(invocation, answer, failure);
            inFlight.release();
        });
    }

    private void record(String invocation, ControlResult answer, Throwable failure) {
        boolean report;
        synchronized (this) {
            done++;
            if (failure == null && (answer.kind() == ControlResult.Kind.DONE || answer.kind() == ControlResult.Kind.ACCEPTED)) {
                succeeded++;
            } else if (failures.size() < MAX_FAILURES) {
                String message = failure != null ? String.valueOf(failure.getMessage()) : answer.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + (answer.message().isEmpty() ? "" : ": " + answer.message());
                failures.add(UiJson.object().put("id", invocation).put("message", message));
            }
            long now = System.nanoTime();
            report = now - reportedAt >= REPORT_EVERY_NANOS;
            if (report) {
                reportedAt = now;
            }
        }
        if (report) {
            listener.accept(progress());
        }
    }

    private synchronized void fail(String message) {
        if (failures.size() < MAX_FAILURES) {
            failures.add(UiJson.object().putNull("id").put("message", message));
        }
    }

    /** {@code {"job", "operation", "total", "done", "succeeded", "failures", "finished"}} as of now. */
    synchronized ObjectNode progress() {
        ObjectNode body = UiJson.object().put("job", id).put("operation", operationName).put("total", Math.max(total, done))
                .put("done", done).put("succeeded", succeeded);
        ArrayNode list = body.putArray("failures");
        failures.forEach(f -> list.add(f.deepCopy()));
        return body.put("finished", finished);
    }

    synchronized boolean finished() {
        return finished;
    }
}
