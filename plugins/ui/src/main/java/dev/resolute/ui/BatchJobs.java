package dev.resolute.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.browse.InvocationQuery;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Batch jobs ({@code POST /ui/api/batch}, {@code GET /ui/api/batch/{job}}): each runs on its own thread (the engine's
 * operations are asynchronous; the thread only pages the filter and waits for room), and its progress goes to
 * {@code GET} and to every open event stream. The latest {@link #KEPT} jobs are kept for reading.
 */
final class BatchJobs implements AutoCloseable {
    static final int KEPT = 100;
    private static final Map<String, BatchJob.Operation> OPERATIONS = Map.of(
            "cancel", (control, id) -> control.cancel(id),
            "kill", (control, id) -> control.kill(id),
            "pause", (control, id) -> control.pause(id),
            "purge", (control, id) -> control.purge(id));

    private final WorkerAccess worker;
    private final Consumer<ObjectNode> progress;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, BatchJob> jobs = new LinkedHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ui-batch-job");
        thread.setDaemon(true);
        return thread;
    });

    /** @param progress told of every job's progress as it moves (the event streams' {@code batch} events) */
    BatchJobs(WorkerAccess worker, Consumer<ObjectNode> progress) {
        this.worker = worker;
        this.progress = progress;
    }

    void routes(UiApi api) {
        api.on("POST", "batch", this::start)
                .on("GET", "batch/{job}", call -> {
                    BatchJob job;
                    synchronized (jobs) {
                        job = jobs.get(call.parameter(0));
                    }
                    if (job == null) {
                        throw ApiException.notFound("There is no batch job '" + call.parameter(0) + "' (only the latest " + KEPT + " are kept)");
                    }
                    return ApiReply.ok(job.progress());
                });
    }

    private ApiReply start(ApiCall call) throws IOException {
        JsonNode body = UiJson.JSON.readTree(call.body(16 * 1024 * 1024));
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "The request body must be a JSON object {\"operation\": …, \"ids\": […]} or {\"operation\": …, \"filter\": {…}}");
        }
        String operationName = body.path("operation").asText("");
        BatchJob.Operation operation = operation(operationName, body.get("deployment"));
        JsonNode ids = body.get("ids");
        JsonNode filter = body.get("filter");
        if ((ids == null) == (filter == null)) {
            throw ApiException.badParameter(ids == null ? "ids" : "filter", "give either 'ids' (an array of invocation ids) or 'filter', not "
                    + (ids == null ? "neither" : "both"));
        }
        List<String> listed = new ArrayList<>();
        Optional<InvocationQuery> query = Optional.empty();
        long total;
        if (ids != null) {
            if (!ids.isArray()) {
                throw ApiException.badParameter("ids", "must be an array of invocation ids");
            }
            for (JsonNode id : ids) {
                if (!id.isTextual()) {
                    throw ApiException.badParameter("ids", "must hold invocation ids as strings, not " + id);
                }
                listed.add(id.textValue());
            }
            total = listed.size();
        } else {
            query = Optional.of(InvocationFilter.of(filter));
            total = worker.browser().count(query.get());
        }
        BatchJob job = new BatchJob("job_" + HexFormat.of().formatHex(random.generateSeed(8)), operationName, operation, worker.control(),
                worker.browser(), listed, query, total, progress);
        keep(job);
        threads.execute(job);
        return new ApiReply.Json(202, UiJson.object().put("job", job.id()).put("total", total));
    }

    private static BatchJob.Operation operation(String name, JsonNode deploymentNode) {
        if (deploymentNode != null && !deploymentNode.isNull() && !deploymentNode.isTextual()) {
            throw ApiException.badParameter("deployment", "must be keep, latest or a deployment id (dp_…)");
        }
        String deployment = deploymentNode == null || deploymentNode.isNull() ? "keep" : deploymentNode.textValue();
        if (name.equals("resume")) {
            return (control, id) -> control.resume(id, deployment);
        }
        if (name.equals("restart-as-new")) {
            return (control, id) -> control.restartAsNew(id, 0, deployment);
        }
        BatchJob.Operation operation = OPERATIONS.get(name);
        if (operation == null) {
            throw ApiException.badParameter("operation", "'" + name + "' is not one of cancel, kill, pause, resume, purge, restart-as-new");
        }
        if (deploymentNode != null && !deploymentNode.isNull()) {
            throw ApiException.badParameter("deployment", "only resume and restart-as-new take a deployment");
        }
        return operation;
    }

    /** Keeps {@code job}, dropping the oldest finished jobs beyond {@link #KEPT}. */
    private void keep(BatchJob job) {
        synchronized (jobs) {
            jobs.put(job.id(), job);
            Iterator<BatchJob> oldest = jobs.values().iterator();
            while (jobs.size() > KEPT && oldest.hasNext()) {
                if (oldest.next().finished()) {
                    oldest.remove();
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
