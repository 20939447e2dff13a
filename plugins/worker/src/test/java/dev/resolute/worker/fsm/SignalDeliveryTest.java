package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFrames;
import dev.resolute.worker.engine.pb.Awaiting;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Complete;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.OutboxAck;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Signal;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.AwakeableId;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.CompleteAwakeableCommandMessage;
import dev.resolute.worker.protocol.pb.Failure;
import dev.resolute.worker.protocol.pb.SendSignalCommandMessage;
import dev.resolute.worker.protocol.pb.SignalNotificationMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.protocol.pb.Void;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Awakeables and signals across partitions: a CompleteAwakeable or SendSignal of an invocation on one partition
 * reaches the journal of an invocation on another through the outbox, resumes it if it is suspended on that signal
 * or streams to its attempt, and is stored once (the first result wins; a redelivery is acknowledged and dropped).
 * The SDKs' side is simulated by the commands an invoker would propose; the engine's by routing effects.
 */
class SignalDeliveryTest {
    private static final int PARTITIONS = 2;
    private static final Deployment V6 = Deployment.newBuilder().setId("dp").setProtocolVersion(6).build();
    private static final byte[] WAITER = id(0, 1);
    private static final byte[] RESOLVER = id(1, 2);

    @TempDir
    Path dir;
    private OpenStore store;
    private Tables tables;
    private final PartitionStateMachine[] machines = new PartitionStateMachine[PARTITIONS];
    private final Deque<Routed> deliveries = new ArrayDeque<>();
    private final List<Effect> effects = new ArrayList<>();

    private record Routed(int partition, Command command) {
    }

    @BeforeEach
    void open() {
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        tables = new Tables(store.storage());
        for (int p = 0; p < PARTITIONS; p++) {
            machines[p] = new PartitionStateMachine(p, PARTITIONS, tables, new RetryPolicy(Duration.ofMillis(10), 1.0, 5, Duration.ofMillis(10), false));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anAwakeableResolvedFromAnotherPartitionResumesItsSuspendedWaiterOnce() throws Exception {
        invoke(WAITER);
        invoke(RESOLVER);
        apply(ended(WAITER, 1).setSuspended(Awaiting.newBuilder().addSignals(17).addSignals(1)).build());
        assertThat(status(WAITER).getPhase()).isEqualTo(Phase.SUSPENDED);

        String awakeable = AwakeableId.signal(InvocationId.fromBytes(WAITER), 17).toString();
        apply(frames(RESOLVER, 1, completeAwakeable(awakeable, value("first"))));
        Routed delivery = deliveries.peek();
        assertThat(delivery.partition()).as("the signal crosses to the waiter's partition").isZero();
        assertThat(delivery.command().getSignal().getFromPartition()).isEqualTo(1);
        drain();

        assertThat(status(WAITER).getPhase()).as("resumed by the signal it awaits").isEqualTo(Phase.INVOKED);
        assertThat(status(WAITER).getEpoch()).isEqualTo(2);
        assertThat(effects).anyMatch(e -> e instanceof Effect.StartAttempt s && java.util.Arrays.equals(s.invocationId(), WAITER) && s.epoch() == 2);
        assertThat(signals(WAITER)).singleElement().satisfies(n -> {
            assertThat(n.getIdx()).isEqualTo(17);
            assertThat(n.getValue().getContent().toStringUtf8()).isEqualTo("first");
        });
        assertThat(journalTypes(RESOLVER)).as("the command is journaled where it was written")
                .containsExactly(MessageType.INPUT_COMMAND.id(), MessageType.COMPLETE_AWAKEABLE_COMMAND.id());
        assertOutboxesEmpty();

        apply(delivery.command()); // the outbox re-sent after a crash
        apply(frames(RESOLVER, 1, completeAwakeable(awakeable, value("second"))));
        drain();
        assertThat(signals(WAITER)).as("the first result wins; a redelivery and a second result are dropped")
                .singleElement().satisfies(n -> assertThat(n.getValue().getContent().toStringUtf8()).isEqualTo("first"));
        assertOutboxesEmpty();
    }

    @Test
    void aSignalToAStreamingAttemptIsSentToIt() throws Exception {
        invoke(WAITER);
        invoke(RESOLVER);
        String awakeable = AwakeableId.signal(InvocationId.fromBytes(WAITER), 18).toString();
        apply(frames(RESOLVER, 1, completeAwakeable(awakeable, CompleteAwakeableCommandMessage.newBuilder()
                .setFailure(Failure.newBuilder().setCode(500).setMessage("no")))));
        drain();

        assertThat(status(WAITER).getPhase()).isEqualTo(Phase.INVOKED);
        assertThat(status(WAITER).getEpoch()).as("no new attempt").isEqualTo(1);
        Effect.Notify notify = effects.stream().filter(e -> e instanceof Effect.Notify n && java.util.Arrays.equals(n.invocationId(), WAITER))
                .map(Effect.Notify.class::cast).findFirst().orElseThrow();
        Frame frame = notify.frames().get(0);
        assertThat(frame.getType()).isEqualTo(MessageType.SIGNAL_NOTIFICATION.id());
        assertThat(frame.getJournalIndex()).isEqualTo(1);
        SignalNotificationMessage sent = SignalNotificationMessage.parseFrom(frame.getPayload());
        assertThat(sent.getIdx()).isEqualTo(18);
        assertThat(sent.getFailure().getMessage()).isEqualTo("no");
        assertThat(signals(WAITER)).containsExactly(sent);
    }

    @Test
    void sendSignalByNameAndByIndexReachesItsTarget() throws Exception {
        invoke(WAITER);
        invoke(RESOLVER);
        apply(ended(WAITER, 1).setSuspended(Awaiting.newBuilder().addNamedSignals("go").addSignals(1)).build());
        String target = InvocationId.fromBytes(WAITER).toString();

        apply(frames(RESOLVER, 1, frame(MessageType.SEND_SIGNAL_COMMAND, SendSignalCommandMessage.newBuilder().setTargetInvocationId(target)
                .setIdx(20).setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8("x"))).build().toByteString())));
        drain();
        assertThat(status(WAITER).getPhase()).as("signal 20 is not awaited").isEqualTo(Phase.SUSPENDED);

        apply(frames(RESOLVER, 1, frame(MessageType.SEND_SIGNAL_COMMAND, SendSignalCommandMessage.newBuilder().setTargetInvocationId(target)
                .setName("go").setVoid(Void.getDefaultInstance()).build().toByteString())));
        drain();
        assertThat(status(WAITER).getPhase()).as("resumed by the named signal").isEqualTo(Phase.INVOKED);
        assertThat(signals(WAITER)).extracting(SignalNotificationMessage::getSignalIdCase)
                .containsExactly(SignalNotificationMessage.SignalIdCase.IDX, SignalNotificationMessage.SignalIdCase.NAME);
        assertThat(signals(WAITER).get(1).hasVoid()).isTrue();
        assertOutboxesEmpty();
    }

    @Test
    void aLegacyAwakeableCompletesTheCompletionOfItsJournalIndex() throws Exception {
        invoke(WAITER);
        apply(ended(WAITER, 1).setSuspended(Awaiting.newBuilder().addCompletions(3)).build());
        String legacy = new AwakeableId(AwakeableId.Kind.JOURNAL_ENTRY, InvocationId.fromBytes(WAITER), 3).toString();

        // as the ingress proposes it: directly, nothing to acknowledge
        List<Effect> direct = apply(command().setComplete(Complete.newBuilder().setInvocationId(ByteString.copyFrom(WAITER)).setCompletionId(3)
                .setOutcome(Outcome.newBuilder().setValue(ByteString.copyFromUtf8("legacy"))).setDirect(true)).build());
        assertThat(direct).noneMatch(e -> e instanceof Effect.AckOutbox);
        assertThat(status(WAITER).getPhase()).isEqualTo(Phase.INVOKED);
        JournalEntry last = journal(WAITER).get(journal(WAITER).size() - 1);
        assertThat(last.getType()).isEqualTo(MessageType.CALL_COMPLETION.id());
        assertThat(CallCompletionNotificationMessage.parseFrom(last.getPayload()).getValue().getContent().toStringUtf8()).isEqualTo("legacy");

        invoke(RESOLVER); // from an SDK: through the outbox, dropped since completion 3 is stored
        apply(frames(RESOLVER, 1, completeAwakeable(legacy, value("late"))));
        drain();
        assertThat(journal(WAITER)).hasSize(2);
        assertOutboxesEmpty();
    }

    @Test
    void aMalformedIdFailsTheAttemptByName() {
        invoke(RESOLVER);
        apply(frames(RESOLVER, 1, completeAwakeable("sign_1J8-wPxtxQPSiTcVYJpor4s6OiVs5vVPqAAAA", value("v"))));
        assertThat(status(RESOLVER).getPhase()).isEqualTo(Phase.BACKING_OFF);
        assertThat(status(RESOLVER).getLastFailure()).isEqualTo("[0] CompleteAwakeableCommandMessage names a bad awakeable id: "
                + "\"sign_1J8-wPxtxQPSiTcVYJpor4s6OiVs5vVPqAAAA\" is not a valid awakeable id: it must encode 28 bytes, not 27");
        assertThat(journalTypes(RESOLVER)).containsExactly(MessageType.INPUT_COMMAND.id());
        assertThat(deliveries).isEmpty();

        invoke(id(1, 3));
        apply(frames(id(1, 3), 1, frame(MessageType.SEND_SIGNAL_COMMAND, SendSignalCommandMessage.newBuilder()
                .setTargetInvocationId("inv_1nope").setIdx(17).build().toByteString())));
        assertThat(status(id(1, 3)).getLastFailure()).startsWith("[0] SendSignalCommandMessage names a bad target: \"inv_1nope\" is not a valid invocation id");
        invoke(id(1, 4));
        apply(frames(id(1, 4), 1, frame(MessageType.SEND_SIGNAL_COMMAND, SendSignalCommandMessage.newBuilder()
                .setTargetInvocationId(InvocationId.fromBytes(WAITER).toString()).build().toByteString())));
        assertThat(status(id(1, 4)).getLastFailure()).isEqualTo("[0] SendSignalCommandMessage has neither a signal index nor a name");
        assertThat(deliveries).isEmpty();
    }

    @Test
    void aSignalForACompletedOrUnknownInvocationIsAcknowledgedAndDropped() {
        invoke(WAITER);
        apply(ended(WAITER, 1).setEnd(true).build());
        for (byte[] target : List.of(WAITER, id(0, 99))) {
            List<Effect> out = apply(command().setSignal(Signal.newBuilder().setInvocationId(ByteString.copyFrom(target)).setIndex(17)
                    .setVoid(true).setFromOutbox(true).setFromPartition(1).setOutboxSeq(5)).build());
            assertThat(out).containsExactly(new Effect.AckOutbox(1, 5));
        }
        assertThat(journalTypes(WAITER)).containsExactly(MessageType.INPUT_COMMAND.id());
    }

    // ---- the simulated invoker and engine ----

    private static byte[] id(int partition, long seq) {
        return new InvocationId(PartitionKeys.range(partition, PARTITIONS).first() + seq, seq, ~seq).toBytes();
    }

    private void invoke(byte[] id) {
        apply(command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id)).setDeployment(V6).setTarget(Target.newBuilder()
                .setService("Svc").setHandler("h").setServiceKind(ServiceKind.SERVICE).setHandlerKind(HandlerKind.UNKEYED))).build());
    }

    private static CompleteAwakeableCommandMessage.Builder value(String value) {
        return CompleteAwakeableCommandMessage.newBuilder().setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8(value)));
    }

    private static Frame completeAwakeable(String id, CompleteAwakeableCommandMessage.Builder result) {
        return frame(MessageType.COMPLETE_AWAKEABLE_COMMAND, result.setAwakeableId(id).build().toByteString());
    }

    private static Frame frame(MessageType type, ByteString payload) {
        return Frame.newBuilder().setType(type.id()).setPayload(payload).build();
    }

    private static Command frames(byte[] id, long epoch, Frame frame) {
        return command().setFrames(AttemptFrames.newBuilder().setInvocationId(ByteString.copyFrom(id)).setEpoch(epoch).addFrames(frame)).build();
    }

    private static AttemptEnded.Builder ended(byte[] id, long epoch) {
        return AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(id)).setEpoch(epoch);
    }

    private static Command.Builder command() {
        return Command.newBuilder().setNow(1_000);
    }

    private List<Effect> apply(AttemptEnded ended) {
        return apply(command().setEnded(ended).build());
    }

    /** Applies a command on the partition owning what it concerns, and routes its outbox effects as the engine does. */
    private List<Effect> apply(Command command) {
        byte[] about = switch (command.getKindCase()) {
            case INVOKE -> command.getInvoke().getInvocationId().toByteArray();
            case FRAMES -> command.getFrames().getInvocationId().toByteArray();
            case ENDED -> command.getEnded().getInvocationId().toByteArray();
            case SIGNAL -> command.getSignal().getInvocationId().toByteArray();
            case COMPLETE -> command.getComplete().getInvocationId().toByteArray();
            default -> throw new IllegalArgumentException(command.getKindCase().name());
        };
        return apply(ownerOf(about), command);
    }

    private List<Effect> apply(int partition, Command command) {
        List<Effect> out = new ArrayList<>();
        Tx tx;
        try (Snapshot snapshot = store.storage().snapshot()) {
            tx = new Tx(snapshot);
            machines[partition].apply(command, tx, out::add);
        }
        store.storage().commit(tx.batch());
        for (Effect e : out) {
            if (e instanceof Effect.Deliver d) {
                Command.Builder c = command();
                if (d.message().hasSignal()) {
                    c.setSignal(d.message().getSignal().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
                } else {
                    c.setComplete(d.message().getComplete().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
                }
                deliveries.add(new Routed(d.toPartition(), c.build()));
            } else if (e instanceof Effect.AckOutbox a) {
                deliveries.add(new Routed(a.toPartition(), command().setOutboxAck(OutboxAck.newBuilder().setSeq(a.seq())).build()));
            } else if (e instanceof Effect.Rejected r) {
                throw new AssertionError("rejected: " + r.reason());
            }
        }
        effects.addAll(out);
        return out;
    }

    private void drain() {
        while (!deliveries.isEmpty()) {
            Routed next = deliveries.poll();
            apply(next.partition(), next.command());
        }
    }

    private static int ownerOf(byte[] id) {
        return PartitionKeys.partitionOf(InvocationId.fromBytes(id).partitionKey(), PARTITIONS);
    }

    private InvocationStatus status(byte[] id) {
        try (Snapshot s = store.storage().snapshot()) {
            return tables.status().get(Reads.of(s), id).orElseThrow();
        }
    }

    private List<JournalEntry> journal(byte[] id) {
        try (Snapshot s = store.storage().snapshot()) {
            return tables.journal().entries(Reads.of(s), id);
        }
    }

    private List<Integer> journalTypes(byte[] id) {
        return journal(id).stream().map(JournalEntry::getType).toList();
    }

    private List<SignalNotificationMessage> signals(byte[] id) throws InvalidProtocolBufferException {
        List<SignalNotificationMessage> out = new ArrayList<>();
        for (JournalEntry e : journal(id)) {
            if (e.getType() == MessageType.SIGNAL_NOTIFICATION.id()) {
                out.add(SignalNotificationMessage.parseFrom(e.getPayload()));
            }
        }
        return out;
    }

    private void assertOutboxesEmpty() {
        try (Snapshot s = store.storage().snapshot(); KeyValueIterator it = s.scan(tables.outbox().keyspace(), KeyRange.all())) {
            assertThat(it.hasNext()).as("every outbox message acknowledged").isFalse();
        }
    }
}
