package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFrames;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.engine.pb.OutboxAck;
import dev.resolute.worker.engine.pb.OutboxMessage;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.SignalNotificationMessage;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancel and kill travel down the call tree: a caller on one partition calls two callees; one has answered, the other
 * still runs. Cancelling the caller appends the cancel signal to its journal and to the running callee's (through the
 * outbox, to its partition), not to the one that answered; killing it kills the running callee, whose 409 "killed"
 * reaches the caller's partition and is dropped there, as the caller has ended.
 */
class CallTreeTerminationTest {
    private static final int PARTITIONS = 2;
    private static final Deployment V6 = Deployment.newBuilder().setId("dp").setProtocolVersion(6).build();

    @TempDir
    Path dir;

    private OpenStore store;
    private Storage storage;
    private Tables tables;
    private PartitionStateMachine[] machines;
    private final List<Command> routed = new ArrayList<>();
    private final List<Integer> routedTo = new ArrayList<>();
    private final List<Effect> effects = new ArrayList<>();
    private byte[] caller;
    private byte[] answered;
    private byte[] running;

    @BeforeEach
    void callTwoCallees() throws Exception {
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        storage = store.storage();
        tables = new Tables(storage);
        machines = new PartitionStateMachine[PARTITIONS];
        for (int p = 0; p < PARTITIONS; p++) {
            machines[p] = new PartitionStateMachine(p, PARTITIONS, tables, new RetryPolicy(Duration.ofMillis(10), 1.0, 5, Duration.ofMillis(10), false));
        }
        caller = new InvocationId(PartitionKeys.range(0, PARTITIONS).first() + 7, 1, 2).toBytes();
        apply(0, command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(caller)).setDeployment(V6).setTarget(service("Caller"))).build());
        apply(0, command().setFrames(AttemptFrames.newBuilder().setInvocationId(ByteString.copyFrom(caller)).setEpoch(1)
                .addFrames(call(1, 2)).addFrames(call(3, 4))).build());
        deliverAll();
        List<byte[]> callees = calleesOf(caller);
        answered = callees.get(0);
        running = callees.get(1);
        assertThat(status(answered).getPhase()).isEqualTo(Phase.INVOKED);
        apply(ownerOf(answered), command().setEnded(AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(answered)).setEpoch(1).setEnd(true)).build());
        deliverAll(); // its result reaches the caller's journal
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void cancellingACallerCancelsTheCalleeItStillWaitsFor() throws Exception {
        Reply reply = apply(0, command().setCancel(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(caller))).build());
        assertThat(reply.getCode()).isEqualTo(Reply.Code.ACCEPTED);
        assertThat(routed).singleElement().satisfies(c -> assertThat(c.getCancel().getInvocationId().toByteArray()).isEqualTo(running));
        deliverAll();
        assertThat(cancelSignals(caller)).isEqualTo(1);
        assertThat(cancelSignals(running)).isEqualTo(1);
        assertThat(cancelSignals(answered)).isZero();
        assertThat(status(running).getPhase()).isEqualTo(Phase.INVOKED);

        // the caller's SDK also cancels it (SendSignal idx 1) and the admin API cancels again: still one signal
        apply(0, command().setCancel(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(caller))).build());
        deliverAll();
        assertThat(cancelSignals(running)).isEqualTo(1);
        try (Snapshot s = storage.snapshot()) {
            for (int p = 0; p < PARTITIONS; p++) {
                assertThat(tables.outbox().pending(Reads.of(s), p)).as("every delivery acknowledged").isEmpty();
            }
        }
    }

    @Test
    void killingACallerKillsTheCalleeItStillWaitsFor() throws Exception {
        Reply reply = apply(0, command().setKill(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(caller))).build());
        assertThat(reply.getCode()).isEqualTo(Reply.Code.OK);
        assertThat(status(caller).getOutcome().getFailure().getMessage()).isEqualTo("killed");
        deliverAll();
        InvocationStatus callee = status(running);
        assertThat(callee.getPhase()).isEqualTo(Phase.COMPLETED);
        assertThat(callee.getOutcome().getFailure().getCode()).isEqualTo(409);
        assertThat(callee.getOutcome().getFailure().getMessage()).isEqualTo("killed");
        assertThat(status(answered).getOutcome().hasFailure()).isFalse();
        assertThat(effects).filteredOn(e -> e instanceof Effect.StopAttempt).hasSize(2);
    }

    private Frame call(int notificationIdx, int resultId) {
        return Frame.newBuilder().setType(MessageType.CALL_COMMAND.id()).setPayload(CallCommandMessage.newBuilder().setServiceName("Callee")
                        .setHandlerName("h").setInvocationIdNotificationIdx(notificationIdx).setResultCompletionId(resultId).build().toByteString())
                .setResolved(Invoke.newBuilder().setTarget(service("Callee")).setDeployment(V6)).build();
    }

    private static Target service(String name) {
        return Target.newBuilder().setService(name).setHandler("h").setServiceKind(ServiceKind.SERVICE).setHandlerKind(HandlerKind.UNKEYED).build();
    }

    private static Command.Builder command() {
        return Command.newBuilder().setNow(1_000);
    }

    private List<byte[]> calleesOf(byte[] id) throws InvalidProtocolBufferException {
        List<byte[]> out = new ArrayList<>();
        for (JournalEntry e : journal(id)) {
            if (e.getType() == MessageType.CALL_INVOCATION_ID_COMPLETION.id()) {
                out.add(InvocationId.parse(dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage.parseFrom(e.getPayload())
                        .getInvocationId()).toBytes());
            }
        }
        return out;
    }

    private long cancelSignals(byte[] id) throws InvalidProtocolBufferException {
        long n = 0;
        for (JournalEntry e : journal(id)) {
            if (e.getType() == MessageType.SIGNAL_NOTIFICATION.id() && SignalNotificationMessage.parseFrom(e.getPayload()).getIdx() == 1) {
                n++;
            }
        }
        return n;
    }

    private List<JournalEntry> journal(byte[] id) {
        try (Snapshot s = storage.snapshot()) {
            return tables.journal().entries(Reads.of(s), id);
        }
    }

    private InvocationStatus status(byte[] id) {
        try (Snapshot s = storage.snapshot()) {
            return tables.status().get(Reads.of(s), id).orElseThrow();
        }
    }

    private static int ownerOf(byte[] id) {
        return PartitionKeys.partitionOf(InvocationId.fromBytes(id).partitionKey(), PARTITIONS);
    }

    /** Applies the routed outbox messages and their acknowledgements until none is left. */
    private void deliverAll() {
        while (!routed.isEmpty()) {
            Command next = routed.remove(0);
            apply(routedTo.remove(0), next);
        }
    }

    private Reply apply(int partition, Command command) {
        List<Effect> produced = new ArrayList<>();
        Tx tx;
        Reply reply;
        try (Snapshot snapshot = storage.snapshot()) {
            tx = new Tx(snapshot);
            reply = machines[partition].apply(command, tx, produced::add);
        }
        storage.commit(tx.batch());
        assertThat(reply.getCode()).as(reply.getMessage()).isNotEqualTo(Reply.Code.REJECTED);
        effects.addAll(produced);
        for (Effect e : produced) {
            if (e instanceof Effect.Deliver d) {
                routedTo.add(d.toPartition());
                routed.add(delivery(d));
            } else if (e instanceof Effect.AckOutbox a) {
                routedTo.add(a.toPartition());
                routed.add(command().setOutboxAck(OutboxAck.newBuilder().setSeq(a.seq())).build());
            }
        }
        return reply;
    }

    private static Command delivery(Effect.Deliver d) {
        OutboxMessage m = d.message();
        Command.Builder c = command();
        switch (m.getKindCase()) {
            case INVOKE -> c.setInvoke(m.getInvoke().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
            case COMPLETE -> c.setComplete(m.getComplete().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
            case CANCEL -> c.setCancel(m.getCancel().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
            case KILL -> c.setKill(m.getKill().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
            default -> throw new AssertionError("unexpected outbox message " + m);
        }
        return c.build();
    }
}
