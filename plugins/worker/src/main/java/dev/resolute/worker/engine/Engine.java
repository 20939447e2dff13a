package dev.resolute.worker.engine;

import com.google.protobuf.ByteString;
import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.spi.invocation.InvocationOutcome;
import dev.resolute.spi.invocation.InvocationRequest;
import dev.resolute.spi.invocation.Invocations;
import dev.resolute.spi.invocation.Submission;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Complete;
import dev.resolute.worker.engine.pb.Header;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.OutboxAck;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.fsm.Effect;
import dev.resolute.worker.fsm.PartitionStateMachine;
import dev.resolute.worker.fsm.RetryPolicy;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.TimersTable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;

/**
 * The durable-execution engine of one node: {@code default-num-partitions} partition processors,
 * the invoker and the timers, wired together through effects. It implements {@link Invocations}
 * for the ingress.
 */
public final class Engine implements Invocations {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);
    private final Storage storage;
    private final Tables tables;
    private final Targets targets;
    private final Partitions partitions;
    private final PartitionProcessor[] processors;
    private final Invoker invoker;
    private final Timers timers;
    private final Map<ByteBuffer, List<CompletableFuture<InvocationOutcome>>> waiters = new ConcurrentHashMap<>();

    public Engine(Storage storage, Targets targets, HttpClient client, Executor attempts, int partitionCount,
                  InvokerSettings settings, RetryPolicy retryPolicy) {
        this.storage = storage;
        this.tables = new Tables(storage);
        this.targets = targets;
        this.processors = new PartitionProcessor[partitionCount];
        this.partitions = new Partitions(processors);
        this.timers = new Timers(partitions);
        this.invoker = new Invoker(new AttemptContext(storage, tables, targets, partitions, client, settings), attempts);
        for (int p = 0; p < partitionCount; p++) {
            processors[p] = new PartitionProcessor(p, storage, new PartitionStateMachine(p, partitionCount, tables, retryPolicy), this::carryOut);
        }
    }

    /** Starts the partitions and re-drives what was running before a restart. */
    public void start() {
        for (PartitionProcessor processor : processors) {
            processor.start();
        }
        CompletableFuture<?>[] recovered = new CompletableFuture<?>[processors.length];
        for (int p = 0; p < processors.length; p++) { // all at once, so their commits share the store's group commits
            recovered[p] = partitions.propose(p, Partitions.command().setRecover(true).build());
        }
        CompletableFuture.allOf(recovered).join();
        armStoredTimers();
    }

    /** Arms the timers stored before a restart, in due order (recovery leaves them to the timer service). */
    private void armStoredTimers() {
        try (var snapshot = storage.snapshot()) {
            for (int p = 0; p < processors.length; p++) {
                byte[] after = null;
                List<TimersTable.TimerRow> page;
                do {
                    page = tables.timers().dueFrom(snapshot, p, after, 1024);
                    for (TimersTable.TimerRow row : page) {
                        timers.arm(p, row.key(), row.wakeMillis());
                        after = row.key();
                    }
                } while (!page.isEmpty());
            }
        }
    }

    public void stop() throws InterruptedException {
        timers.stop();
        invoker.stop();
        for (PartitionProcessor processor : processors) {
            processor.stop();
        }
    }

    private void carryOut(Effect effect) {
        if (effect instanceof Effect.StartAttempt s) {
            invoker.start(s.invocationId(), s.epoch());
        } else if (effect instanceof Effect.Notify n) {
            invoker.notify(n.invocationId(), n.epoch(), n.frames());
        } else if (effect instanceof Effect.ArmTimer t) {
            timers.arm(t.partition(), t.timerKey(), t.wakeMillis());
        } else if (effect instanceof Effect.Deliver d) {
            Command.Builder command = Partitions.command();
            if (d.message().hasInvoke()) {
                command.setInvoke(d.message().getInvoke().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
            } else {
                Complete complete = d.message().getComplete().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()).build();
                command.setComplete(complete);
            }
            partitions.propose(d.toPartition(), command.build());
        } else if (effect instanceof Effect.AckOutbox a) {
            partitions.propose(a.toPartition(), Partitions.command().setOutboxAck(OutboxAck.newBuilder().setSeq(a.seq())).build());
        } else if (effect instanceof Effect.StopAttempt s) {
            invoker.abort(s.invocationId(), s.epoch(), s.reason());
        } else if (effect instanceof Effect.Rejected r) {
            LOG.warn("partition {} rejected a {} command: {}", r.partition(), r.command(), r.reason());
        } else if (effect instanceof Effect.Completed c) {
            List<CompletableFuture<InvocationOutcome>> waiting = waiters.remove(ByteBuffer.wrap(c.invocationId()));
            if (waiting != null) {
                InvocationOutcome outcome = outcome(c.outcome());
                waiting.forEach(w -> w.complete(outcome));
            }
        }
    }

    @Override
    public Submission submit(InvocationRequest request) {
        Invoke.Builder invoke;
        try {
            invoke = targets.resolve(request.service(), request.handler(), request.key().orElse("")).toBuilder();
        } catch (Targets.TargetException e) {
            throw new InvocationException(e.status(), e.getMessage());
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long partitionKey = invoke.getTarget().getServiceKind() == ServiceKind.SERVICE ? random.nextLong() : PartitionKeys.of(request.key().orElse(""));
        byte[] id = ByteBuffer.allocate(24).putLong(partitionKey).putLong(random.nextLong()).putLong(random.nextLong()).array();
        invoke.setInvocationId(ByteString.copyFrom(id)).setInput(ByteString.copyFrom(request.body()));
        request.headers().forEach(h -> invoke.addHeaders(Header.newBuilder().setKey(h.getKey()).setValue(h.getValue())));
        request.executionTime().ifPresent(t -> invoke.setExecutionTime(t.toEpochMilli()));
        request.idempotencyKey().ifPresent(invoke::setIdempotencyKey);
        try {
            partitions.propose(id, Partitions.command().setInvoke(invoke).build()).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new InvocationException(503, "the invocation could not be stored: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvocationException(503, "interrupted while storing the invocation");
        }
        return new Submission(InvocationId.fromBytes(id).toString(), request.executionTime().map(Instant::from), false);
    }

    @Override
    public CompletableFuture<InvocationOutcome> outcome(String invocationId) {
        byte[] id;
        try {
            id = InvocationId.parse(invocationId).toBytes();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new InvocationException(400, "bad invocation id '" + invocationId + "': " + e.getMessage()));
        }
        CompletableFuture<InvocationOutcome> result = new CompletableFuture<>();
        waiters.computeIfAbsent(ByteBuffer.wrap(id), k -> new CopyOnWriteArrayList<>()).add(result);
        Optional<InvocationStatus> status = readStatus(id);
        if (status.isEmpty()) {
            result.completeExceptionally(new InvocationException(404, "invocation " + invocationId + " not found"));
        } else if (status.get().getPhase() == Phase.COMPLETED) {
            result.complete(outcome(status.get().getOutcome()));
        }
        if (result.isDone()) {
            waiters.computeIfPresent(ByteBuffer.wrap(id), (k, list) -> {
                list.remove(result);
                return list.isEmpty() ? null : list;
            });
        }
        return result;
    }

    private Optional<InvocationStatus> readStatus(byte[] id) {
        try (var snapshot = storage.snapshot()) {
            return tables.status().get(Reads.of(snapshot), id);
        }
    }

    private static InvocationOutcome outcome(Outcome outcome) {
        if (outcome.hasFailure()) {
            return InvocationOutcome.failure(outcome.getFailure().getCode(), outcome.getFailure().getMessage(), outcome.getFailure().getMetadataMap());
        }
        return InvocationOutcome.success(outcome.getValue().toByteArray());
    }
}
