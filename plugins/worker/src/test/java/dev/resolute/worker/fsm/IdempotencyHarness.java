package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFrames;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.OutboxAck;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Several partitions' state machines over one store, with the engine's routing simulated: outbox messages wait in a
 * list until a test delivers them (in any order, and again, as after a crash), acknowledgements are applied at once.
 * Attempts are simulated by the commands an invoker would propose.
 */
final class IdempotencyHarness {
    static final Deployment V6 = Deployment.newBuilder().setId("dp").setProtocolVersion(6).build();
    static final Target SERVICE = Target.newBuilder().setService("Svc").setHandler("h")
            .setServiceKind(ServiceKind.SERVICE).setHandlerKind(HandlerKind.UNKEYED).build();

    /** An outbox message on its way to {@code partition}. */
    record Routed(int partition, Command command) {
    }

    private final Storage storage;
    private final Tables tables;
    private final PartitionStateMachine[] machines;
    final List<Routed> pending = new ArrayList<>();
    final List<Routed> delivered = new ArrayList<>();
    final List<Effect> effects = new ArrayList<>();

    IdempotencyHarness(Storage storage, int partitions) {
        this.storage = storage;
        this.tables = new Tables(storage);
        this.machines = new PartitionStateMachine[partitions];
        for (int p = 0; p < partitions; p++) {
            machines[p] = new PartitionStateMachine(p, partitions, tables, new RetryPolicy(Duration.ofMillis(10), 1.0, 5, Duration.ofMillis(10), false));
        }
    }

    static Command.Builder command() {
        return Command.newBuilder().setNow(1_000);
    }

    int ownerOf(byte[] id) {
        return PartitionKeys.partitionOf(InvocationId.fromBytes(id).partitionKey(), machines.length);
    }

    /** A plain invocation in {@code partition}, as a caller: started, its attempt streaming. */
    byte[] caller(int partition, long seq) {
        byte[] id = new InvocationId(PartitionKeys.range(partition, machines.length).first() + seq, seq, ~seq).toBytes();
        apply(command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id)).setDeployment(V6)
                .setTarget(SERVICE.toBuilder().setService("Caller"))).build());
        return id;
    }

    /** An ingress request to Svc/h with an idempotency key, as the engine proposes it. */
    Reply ingressInvoke(String idempotencyKey) {
        byte[] id = idempotentId(idempotencyKey);
        return apply(command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id)).setDeployment(V6).setTarget(SERVICE)
                .setIdempotencyKey(idempotencyKey)).build());
    }

    static byte[] idempotentId(String idempotencyKey) {
        return InvocationId.forIdempotentRequest(SERVICE.getService(), Optional.empty(), SERVICE.getHandler(), idempotencyKey).toBytes();
    }

    /** One journal frame from the attempt of {@code epoch}; calls carry the resolved callee as the invoker adds it. */
    Reply frame(byte[] id, long epoch, MessageType type, ByteString payload, Target callee) {
        Frame.Builder frame = Frame.newBuilder().setType(type.id()).setPayload(payload);
        if (callee != null) {
            frame.setResolved(Invoke.newBuilder().setTarget(callee).setDeployment(V6));
        }
        return apply(command().setFrames(AttemptFrames.newBuilder().setInvocationId(ByteString.copyFrom(id)).setEpoch(epoch).addFrames(frame)).build());
    }

    /** The attempt of {@code epoch} writes Output {@code value} and ends. */
    void complete(byte[] id, long epoch, String value) {
        Frame output = Frame.newBuilder().setType(MessageType.OUTPUT_COMMAND.id()).setPayload(OutputCommandMessage.newBuilder()
                .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8(value))).build().toByteString()).build();
        apply(command().setEnded(AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(id)).setEpoch(epoch).addFrames(output).setEnd(true)).build());
    }

    Reply apply(Command command) {
        byte[] about = switch (command.getKindCase()) {
            case INVOKE -> command.getInvoke().getInvocationId().toByteArray();
            case FRAMES -> command.getFrames().getInvocationId().toByteArray();
            case ENDED -> command.getEnded().getInvocationId().toByteArray();
            default -> throw new IllegalArgumentException(command.getKindCase().name());
        };
        return apply(ownerOf(about), command);
    }

    Reply apply(int partition, Command command) {
        List<Effect> out = new ArrayList<>();
        Tx tx;
        Reply reply;
        try (Snapshot snapshot = storage.snapshot()) {
            tx = new Tx(snapshot);
            reply = machines[partition].apply(command, tx, out::add);
        }
        storage.commit(tx.batch());
        effects.addAll(out);
        for (Effect e : out) {
            if (e instanceof Effect.Deliver d) {
                pending.add(new Routed(d.toPartition(), delivery(d)));
            } else if (e instanceof Effect.AckOutbox a) {
                apply(a.toPartition(), command().setOutboxAck(OutboxAck.newBuilder().setSeq(a.seq())).build());
            } else if (e instanceof Effect.Rejected r) {
                throw new AssertionError("rejected: " + r.reason());
            }
        }
        return reply;
    }

    /** The command the engine proposes for an outbox message (Engine.carryOut). */
    private static Command delivery(Effect.Deliver d) {
        Command.Builder c = command();
        var m = d.message();
        if (m.hasInvoke()) {
            c.setInvoke(m.getInvoke().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        } else if (m.hasSignal()) {
            c.setSignal(m.getSignal().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        } else if (m.hasAttachRequest()) {
            c.setAttachRequest(m.getAttachRequest().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        } else if (m.hasAttachAnswer()) {
            c.setAttachAnswer(m.getAttachAnswer().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        } else {
            c.setComplete(m.getComplete().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        }
        return c.build();
    }

    /** Delivers the pending message at {@code index}; {@code again} keeps a copy to deliver a second time. */
    void deliver(int index, boolean again) {
        Routed next = pending.remove(index);
        if (again) {
            pending.add(next);
        }
        delivered.add(next);
        apply(next.partition(), next.command());
    }

    void drain() {
        while (!pending.isEmpty()) {
            deliver(0, false);
        }
    }

    Optional<InvocationStatus> status(byte[] id) {
        try (Snapshot s = storage.snapshot()) {
            return tables.status().get(Reads.of(s), id);
        }
    }

    List<JournalEntry> journal(byte[] id) {
        try (Snapshot s = storage.snapshot()) {
            return tables.journal().entries(Reads.of(s), id);
        }
    }

    /** The journal entries of {@code type} that complete {@code completionId} (all share field 1 = completion id). */
    List<JournalEntry> completions(byte[] id, MessageType type, int completionId) throws InvalidProtocolBufferException {
        List<JournalEntry> out = new ArrayList<>();
        for (JournalEntry e : journal(id)) {
            if (e.getType() == type.id() && CallCompletionNotificationMessage.parseFrom(e.getPayload()).getCompletionId() == completionId) {
                out.add(e);
            }
        }
        return out;
    }

    /** How many attempts of {@code id} were started: an execution is its first attempt. */
    long executions(byte[] id) {
        return effects.stream().filter(e -> e instanceof Effect.StartAttempt s && Arrays.equals(s.invocationId(), id) && s.epoch() == 1).count();
    }

    boolean outboxesEmpty() {
        try (Snapshot s = storage.snapshot(); KeyValueIterator it = s.scan(tables.outbox().keyspace(), KeyRange.all())) {
            return !it.hasNext();
        }
    }
}
