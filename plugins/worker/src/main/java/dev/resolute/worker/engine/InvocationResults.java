package dev.resolute.worker.engine;

import dev.resolute.spi.invocation.CompletedInvocation;
import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.spi.invocation.InvocationOutcome;
import dev.resolute.spi.invocation.InvocationTarget;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Invocation results for clients (attach, output, lookup): read from the status table once completed, or awaited
 * until the partition reports the completion. A client registers before it reads the status, so a completion
 * committed in between is never missed.
 */
final class InvocationResults {
    static final String NOT_FOUND = "invocation not found";
    static final String NOT_RETAINED = "cannot get output for the given invocation: it completed, but its result was not retained";

    private final Storage storage;
    private final Tables tables;
    private final Executor replies;
    private final Map<ByteBuffer, List<CompletableFuture<InvocationOutcome>>> waiters = new ConcurrentHashMap<>();

    /** @param replies completes the clients' futures (never a partition's thread) */
    InvocationResults(Storage storage, Tables tables, Executor replies) {
        this.storage = storage;
        this.tables = tables;
        this.replies = replies;
    }

    /** The id a target names: parsed, or derived as Restate derives idempotent requests' and workflow runs' ids. */
    static InvocationId idOf(InvocationTarget target) {
        if (target instanceof InvocationTarget.Idempotent i) {
            return InvocationId.forIdempotentRequest(i.service(), i.key(), i.handler(), i.idempotencyKey());
        }
        if (target instanceof InvocationTarget.WorkflowRun w) {
            return InvocationId.forWorkflowRun(w.workflow(), w.workflowId());
        }
        String text = ((InvocationTarget.ById) target).invocationId();
        try {
            return InvocationId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvocationException(InvocationException.Kind.INVALID_REQUEST, "bad invocation id '" + text + "': " + e.getMessage());
        }
    }

    CompletableFuture<String> lookup(InvocationTarget target) {
        try {
            return CompletableFuture.completedFuture(idOf(target).toString());
        } catch (InvocationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    CompletableFuture<CompletedInvocation> attach(InvocationTarget target) {
        InvocationId id;
        try {
            id = idOf(target);
        } catch (InvocationException e) {
            return CompletableFuture.failedFuture(e);
        }
        ByteBuffer key = ByteBuffer.wrap(id.toBytes());
        CompletableFuture<InvocationOutcome> live = new CompletableFuture<>();
        waiters.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(live);
        Optional<InvocationStatus> status = readStatus(id);
        if (status.isEmpty() || status.get().getPhase() == Phase.COMPLETED) {
            waiters.computeIfPresent(key, (k, list) -> {
                list.remove(live);
                return list.isEmpty() ? null : list;
            });
            return stored(id, status);
        }
        Target invoked = status.get().getTarget();
        return live.thenApply(outcome -> new CompletedInvocation(id.toString(), invoked.getService(), invoked.getHandler(), outcome, Optional.empty()));
    }

    CompletableFuture<Optional<CompletedInvocation>> output(InvocationTarget target) {
        InvocationId id;
        try {
            id = idOf(target);
        } catch (InvocationException e) {
            return CompletableFuture.failedFuture(e);
        }
        Optional<InvocationStatus> status = readStatus(id);
        if (status.isPresent() && status.get().getPhase() != Phase.COMPLETED) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return stored(id, status).thenApply(Optional::of);
    }

    /** The partition committed an invocation's completion: answer whoever waits for it. */
    void completed(byte[] invocationId, Outcome outcome) {
        List<CompletableFuture<InvocationOutcome>> waiting = waiters.remove(ByteBuffer.wrap(invocationId));
        if (waiting != null) {
            InvocationOutcome result = outcome(outcome);
            replies.execute(() -> waiting.forEach(w -> w.complete(result)));
        }
    }

    /** A status read after completion (or its absence) as attach and output answer it. */
    private static CompletableFuture<CompletedInvocation> stored(InvocationId id, Optional<InvocationStatus> status) {
        if (status.isEmpty()) {
            return CompletableFuture.failedFuture(new InvocationException(InvocationException.Kind.NOT_FOUND, NOT_FOUND));
        }
        InvocationStatus s = status.get();
        if (!s.hasOutcome()) { // completed, and the cleanup has dropped the result since
            return CompletableFuture.failedFuture(new InvocationException(InvocationException.Kind.INVALID_REQUEST, NOT_RETAINED));
        }
        Optional<Instant> until = s.getCompletionRetentionMs() > 0
                ? Optional.of(Instant.ofEpochMilli(s.getCompletedAt() + s.getCompletionRetentionMs()))
                : Optional.empty();
        return CompletableFuture.completedFuture(new CompletedInvocation(id.toString(), s.getTarget().getService(), s.getTarget().getHandler(),
                outcome(s.getOutcome()), until));
    }

    private Optional<InvocationStatus> readStatus(InvocationId id) {
        try (var snapshot = storage.snapshot()) {
            return tables.status().get(Reads.of(snapshot), id.toBytes());
        }
    }

    static InvocationOutcome outcome(Outcome outcome) {
        if (outcome.hasFailure()) {
            return InvocationOutcome.failure(outcome.getFailure().getCode(), outcome.getFailure().getMessage(), outcome.getFailure().getMetadataMap());
        }
        return InvocationOutcome.success(outcome.getValue().toByteArray());
    }
}
