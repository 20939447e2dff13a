package dev.resolute.worker.engine;

import com.google.protobuf.ByteString;
import dev.resolute.spi.Health;
import dev.resolute.spi.browse.InvocationChanges;
import dev.resolute.spi.invocation.CompletedInvocation;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.spi.invocation.InvocationRequest;
import dev.resolute.spi.invocation.InvocationTarget;
import dev.resolute.spi.invocation.Invocations;
import dev.resolute.spi.invocation.ObjectStates;
import dev.resolute.spi.invocation.Submission;
import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Complete;
import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Header;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ModifyState;
import dev.resolute.worker.engine.pb.OutboxAck;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Signal;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.fsm.Effect;
import dev.resolute.worker.fsm.PartitionStateMachine;
import dev.resolute.worker.fsm.RetryPolicy;
import dev.resolute.worker.ids.AwakeableId;
import dev.resolute.worker.ids.InvalidIdException;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.log.LocalCommandLog;
import dev.resolute.spi.invocation.PartitionStatus;
import dev.resolute.worker.tables.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.client.HttpClient;

/**
 * The durable-execution engine of one node: {@code default-num-partitions} partitions behind a
 * {@link LocalCommandLog}, each applied by a {@link PartitionRunner}, plus the invoker and the
 * timers, wired together through effects. It implements {@link Invocations} for the ingress and
 * {@link ObjectStates} for the admin API.
 */
public final class Engine implements Invocations, ObjectStates {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);

    private final Tables tables;
    private final Targets targets;
    private final LocalCommandLog log;
    private final Partitions partitions;
    private final Invoker invoker;
    private final Timers timers;
    private final Cleaner cleaner;
    private final ClientProposals proposals;
    private final InvocationResults results;
    private final InvocationManagement management;
    private final ChangeFeed changes;

    /**
     * @param attempts runs attempts, and completes the futures handed to clients (never a partition's
     *     thread, so a client's callback may write its response)
     * @param identity signs every request to a deployment
     * @param health   where a stopped partition is reported
     */
    public Engine(Storage storage, Targets targets, HttpClient client, RequestIdentity identity, Executor attempts, int partitionCount,
                  InvokerSettings settings, RetryPolicy retryPolicy, Health health) {
        this.tables = new Tables(storage);
        this.targets = targets;
        this.results = new InvocationResults(storage, tables, attempts);
        this.changes = new ChangeFeed(storage, tables, partitionCount, this::inFlight);
        this.log = new LocalCommandLog(partitionCount,
                p -> new PartitionRunner(p, storage, tables, new PartitionStateMachine(p, partitionCount, tables, retryPolicy), this::carryOut,
                        () -> true, changes), // one node leads every partition
                (partition, cause) -> health.reportProblem("worker", "partition " + partition
                        + " stopped because its storage failed (" + cause + "); restart the server once storage is fixed"));
        this.partitions = new Partitions(log, partitionCount);
        this.proposals = new ClientProposals(partitions, attempts);
        this.timers = new Timers(storage, tables, partitions, Timers.IN_MEMORY);
        this.cleaner = new Cleaner(partitions);
        this.invoker = new Invoker(new AttemptContext(storage, tables, targets, partitions, client, identity, settings), attempts,
                changes::attemptChanged);
        this.management = new InvocationManagement(proposals, targets, storage, tables);
    }

    /** The admin API's operations on invocations (cancel, kill, pause, resume, restart, purge). */
    public InvocationControl control() {
        return management;
    }

    /** The committed changes of invocations, for a user interface that shows them live. */
    public InvocationChanges changes() {
        return changes;
    }

    /** Every partition with its key range and applied index, as of now (from memory). */
    public List<PartitionStatus> partitionStatus() {
        List<PartitionStatus> out = new ArrayList<>(partitions.count());
        for (int p = 0; p < partitions.count(); p++) {
            PartitionKeys.KeyRange range = PartitionKeys.range(p, partitions.count());
            out.add(new PartitionStatus(p, range.first(), range.last(), log.appliedIndex(p), log.isRunning(p)));
        }
        return out;
    }

    /** Whether an attempt of the invocation (its 24-byte id) runs now, for introspection's {@code in_flight}. */
    public boolean inFlight(byte[] invocationId) {
        return invoker.isRunning(invocationId);
    }

    /** Starts the partitions and re-drives what was running before a restart. */
    public void start() {
        timers.start(); // before any partition applies, so no timer committed from now on is missed
        log.start();
        CompletableFuture<?>[] recovered = new CompletableFuture<?>[partitions.count()];
        for (int p = 0; p < recovered.length; p++) { // all at once, so their commits share the store's group commits
            recovered[p] = partitions.propose(p, Partitions.command().setRecover(true).build());
        }
        CompletableFuture.allOf(recovered).join();
    }

    /** Deletes what outlived its retention every {@code interval} (worker.cleanup-interval), from now on. */
    public void startCleanup(Duration interval) {
        cleaner.start(interval);
    }

    public void stop() throws InterruptedException {
        cleaner.stop();
        timers.stop();
        invoker.stop();
        log.stop();
    }

    private void carryOut(Effect effect) {
        if (effect instanceof Effect.StartAttempt s) {
            invoker.start(s.invocationId(), s.epoch());
        } else if (effect instanceof Effect.Notify n) {
            invoker.notify(n.invocationId(), n.epoch(), n.frames());
        } else if (effect instanceof Effect.ArmTimer t) {
            timers.arm(t.partition(), t.timerKey());
        } else if (effect instanceof Effect.Deliver d) {
            Command.Builder command = Partitions.command();
            if (d.message().hasInvoke()) {
                command.setInvoke(d.message().getInvoke().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
            } else if (d.message().hasCancel()) {
                command.setCancel(d.message().getCancel().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
            } else if (d.message().hasKill()) {
                command.setKill(d.message().getKill().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
            } else if (d.message().hasSignal()) {
                command.setSignal(d.message().getSignal().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
            } else if (d.message().hasAttachRequest()) {
                command.setAttachRequest(d.message().getAttachRequest().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
            } else if (d.message().hasAttachAnswer()) {
                command.setAttachAnswer(d.message().getAttachAnswer().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
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
            results.completed(c.invocationId(), c.outcome());
        }
    }

    @Override
    public CompletableFuture<Submission> submit(InvocationRequest request) {
        Invoke.Builder invoke;
        try {
            invoke = targets.resolve(request.service(), request.handler(), request.key().orElse(""), request.idempotencyKey().orElse("")).toBuilder();
        } catch (Targets.TargetException e) {
            return CompletableFuture.failedFuture(new InvocationException(e.kind(), e.getMessage()));
        }
        byte[] id = idFor(invoke.getTarget(), request).toBytes();
        invoke.setInvocationId(ByteString.copyFrom(id)).setInput(ByteString.copyFrom(request.body()));
        request.headers().forEach(h -> invoke.addHeaders(Header.newBuilder().setKey(h.getKey()).setValue(h.getValue())));
        request.executionTime().ifPresent(t -> invoke.setExecutionTime(t.toEpochMilli()));
        request.idempotencyKey().ifPresent(invoke::setIdempotencyKey);
        String text = InvocationId.fromBytes(id).toString();
        return proposals.propose(id, Partitions.command().setInvoke(invoke).build(), "the invocation")
                .thenApply(reply -> switch (reply.getCode()) {
                    case DUPLICATE -> new Submission(text, Optional.empty(), true);
                    case REJECTED -> throw new InvocationException(InvocationException.Kind.UNAVAILABLE,
                            "the invocation could not be stored: " + reply.getMessage());
                    default -> new Submission(text, request.executionTime().map(Instant::from), false);
                });
    }

    /**
     * A workflow's run and a request with an idempotency key get the deterministic ids of reference §8.2, so that
     * a duplicate names the same invocation and its partition sees it as one; any other request a fresh id.
     */
    private static InvocationId idFor(Target target, InvocationRequest request) {
        if (target.getHandlerKind() == HandlerKind.WORKFLOW_RUN) {
            return InvocationId.forWorkflowRun(target.getService(), target.getKey());
        }
        Optional<String> idempotencyKey = request.idempotencyKey().filter(k -> !k.isEmpty());
        if (idempotencyKey.isPresent()) {
            Optional<String> key = target.getServiceKind() == ServiceKind.SERVICE ? Optional.empty() : Optional.of(target.getKey());
            return InvocationId.forIdempotentRequest(target.getService(), key, target.getHandler(), idempotencyKey.get());
        }
        return newId(target.getServiceKind(), request.key());
    }

    /**
     * A fresh id: a random ULID-style uuid, in the partition of the object key for keyed targets and
     * in a random partition for plain services.
     */
    private static InvocationId newId(ServiceKind kind, Optional<String> key) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long partitionKey = kind == ServiceKind.SERVICE ? random.nextLong() : PartitionKeys.of(key.orElse(""));
        return InvocationId.random(partitionKey, System.currentTimeMillis(), random);
    }

    @Override
    public CompletableFuture<String> lookup(InvocationTarget target) {
        return results.lookup(target);
    }

    @Override
    public CompletableFuture<CompletedInvocation> attach(InvocationTarget target) {
        return results.attach(target);
    }

    @Override
    public CompletableFuture<Optional<CompletedInvocation>> output(InvocationTarget target) {
        return results.output(target);
    }

    @Override
    public CompletableFuture<Void> resolveAwakeable(String awakeableId, byte[] value) {
        return completeAwakeable(awakeableId, Outcome.newBuilder().setValue(ByteString.copyFrom(value)).build());
    }

    @Override
    public CompletableFuture<Void> rejectAwakeable(String awakeableId, String message) {
        return completeAwakeable(awakeableId, Outcome.newBuilder().setFailure(Failure.newBuilder().setCode(500).setMessage(message)).build());
    }

    /** Proposes an awakeable's result to the partition of the invocation that waits: a signal, or a legacy completion. */
    private CompletableFuture<Void> completeAwakeable(String text, Outcome outcome) {
        AwakeableId awakeable;
        try {
            awakeable = AwakeableId.parse(text);
        } catch (InvalidIdException e) {
            return CompletableFuture.failedFuture(new InvocationException(InvocationException.Kind.INVALID_REQUEST,
                    "bad awakeable id '" + text + "': " + e.reason()));
        }
        ByteString id = ByteString.copyFrom(awakeable.invocationId().toBytes());
        Command.Builder command = Partitions.command();
        if (awakeable.kind() == AwakeableId.Kind.SIGNAL) {
            Signal.Builder signal = Signal.newBuilder().setInvocationId(id).setIndex(awakeable.index());
            command.setSignal(outcome.hasFailure() ? signal.setFailure(outcome.getFailure()) : signal.setValue(outcome.getValue()));
        } else {
            command.setComplete(Complete.newBuilder().setInvocationId(id).setCompletionId(awakeable.index()).setOutcome(outcome).setDirect(true));
        }
        return proposals.propose(id.toByteArray(), command.build(), "the awakeable's result").thenApply(reply -> null);
    }

    @Override
    public CompletableFuture<Void> replaceState(String service, String key, Map<String, byte[]> newState, Optional<String> version) {
        ModifyState.Builder mutation = ModifyState.newBuilder().setService(service).setKey(key);
        new TreeMap<>(newState).forEach((k, v) -> mutation.addEntries(ModifyState.Entry.newBuilder()
                .setKey(ByteString.copyFromUtf8(k)).setValue(ByteString.copyFrom(v))));
        version.ifPresent(mutation::setVersion);
        int partition = PartitionKeys.partitionOf(PartitionKeys.of(key), partitions.count());
        return proposals.propose(partition, Partitions.command().setModifyState(mutation).build(), "the state change").thenApply(reply -> null);
    }
}
