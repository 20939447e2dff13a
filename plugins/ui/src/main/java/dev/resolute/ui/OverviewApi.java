package dev.resolute.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.browse.CompletionBucket;
import dev.resolute.spi.browse.FailureGroup;
import dev.resolute.spi.browse.InvocationBrowser;
import dev.resolute.spi.browse.InvocationQuery;
import dev.resolute.spi.browse.InvocationSummary;
import dev.resolute.spi.browse.StatusCount;
import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.schema.Service;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The overview's counts, the failure groups of the errors page, and the deployments safe to remove. */
final class OverviewApi {
    /** The statuses of invocations that have not completed: one pinned to a deployment keeps it in use. */
    static final List<String> UNFINISHED = List.of("pending", "scheduled", "ready", "running", "backing-off", "suspended", "paused");

    private final WorkerAccess worker;
    private final Schemas schemas;

    OverviewApi(WorkerAccess worker, Schemas schemas) {
        this.worker = worker;
        this.schemas = schemas;
    }

    void routes(UiApi api) {
        api.on("GET", "summary", call -> ApiReply.ok(summary(worker.browser().summary(Instant.now()))))
                .on("GET", "errors", this::errors)
                .on("GET", "deployments/drained", call -> ApiReply.ok(drained()));
    }

    private static ObjectNode summary(InvocationSummary summary) {
        ObjectNode body = UiJson.object();
        ArrayNode counts = body.putArray("counts");
        for (StatusCount c : summary.counts()) {
            counts.addObject().put("service", c.service()).put("handler", c.handler()).put("status", c.status()).put("count", c.count());
        }
        ArrayNode lastDay = body.putArray("last_day");
        for (CompletionBucket b : summary.lastDay()) {
            lastDay.addObject().put("start", b.start().toString()).put("succeeded", b.succeeded()).put("failed", b.failed());
        }
        return body;
    }

    private ApiReply errors(ApiCall call) {
        Instant to = call.instant("to").orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Instant from = call.instant("from").orElse(to.minus(Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw ApiException.badParameter("from", "must be before 'to' (" + to + "), was " + from);
        }
        int buckets = call.integer("buckets", 24, 1, 1000);
        List<FailureGroup> groups = worker.browser().failures(from, to, buckets);
        ObjectNode body = UiJson.object().put("from", from.toString()).put("to", to.toString());
        ArrayNode list = body.putArray("groups");
        for (FailureGroup g : groups) {
            ObjectNode group = list.addObject().put("service", g.service()).put("handler", g.handler()).put("status", g.status())
                    .put("error_code", g.errorCode()).put("message", g.message()).put("count", g.count());
            ArrayNode counts = group.putArray("buckets");
            g.buckets().forEach(counts::add);
            group.put("first_seen", g.firstSeen().toString()).put("last_seen", g.lastSeen().toString());
        }
        return ApiReply.ok(body);
    }

    /** Deployments no service's latest revision uses and no unfinished invocation is pinned to (or last ran on). */
    private ObjectNode drained() {
        InvocationBrowser browser = worker.browser();
        Set<String> serving = schemas.services().stream().map(Service::deploymentId).collect(Collectors.toSet());
        ObjectNode body = UiJson.object();
        ArrayNode ids = body.putArray("ids");
        for (Deployment deployment : schemas.deployments()) {
            if (serving.contains(deployment.id())) {
                continue;
            }
            InvocationQuery pinned = new InvocationQuery(List.of(), UNFINISHED, List.of(), List.of(), Optional.empty(),
                    Optional.of(deployment.id()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1,
                    InvocationFilter.SCAN_BUDGET);
            if (browser.count(pinned) == 0) {
                ids.add(deployment.id());
            }
        }
        return body;
    }
}
