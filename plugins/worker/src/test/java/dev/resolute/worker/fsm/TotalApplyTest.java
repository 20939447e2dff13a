package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFrames;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Complete;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Rejection;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.engine.pb.Timer;
import dev.resolute.worker.engine.pb.TimerFired;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.TimersTable;
import dev.resolute.worker.tables.Tx;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Apply is total: input the partition cannot accept becomes a recorded outcome (a failed attempt, or a rejection
 * with its reason), never an exception, and nothing of a rejected command stays. The SDK's side is simulated by the
 * commands an invoker would propose.
 */
class TotalApplyTest {
    private static final byte[] ID = ByteBuffer.allocate(24).putLong(42).putLong(1).putLong(2).array();
    private static final long NOW = 1_000_000;

    @TempDir
    Path dir;
    private OpenStore store;
    private Tables tables;
    private PartitionStateMachine machine;

    @BeforeEach
    void open() {
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        tables = new Tables(store.storage());
        machine = new PartitionStateMachine(0, 1, tables, new RetryPolicy(Duration.ofMillis(10), 1.0, 2, Duration.ofMillis(10), false));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"INPUT_COMMAND", "START", "SIGNAL_NOTIFICATION"})
    void aMessageNoSdkMaySendFailsItsAttemptByNameAndTheRetryPolicyApplies(MessageType type) {
        String reason = type.messageClass().getSimpleName() + " is not a message an SDK may send here";
        invoke(service());
        List<Effect> effects = apply(frames(1, frame(MessageType.RUN_COMMAND, RunCommandMessage.newBuilder().setName("r").build().toByteString()),
                frame(type, ByteString.EMPTY), output("never")));

        InvocationStatus status = status();
        assertThat(status.getPhase()).isEqualTo(Phase.BACKING_OFF);
        assertThat(status.getLastFailure()).isEqualTo("[0] " + reason);
        assertThat(journalTypes()).as("the command before it is journaled, it and what follows are not")
                .containsExactly(MessageType.INPUT_COMMAND.id(), MessageType.RUN_COMMAND.id());
        assertThat(effects).as("the streaming attempt is told to stop").anyMatch(e -> e instanceof Effect.StopAttempt stop
                && stop.epoch() == 1 && stop.reason().equals(reason) && java.util.Arrays.equals(stop.invocationId(), ID));
        assertThat(effects).anyMatch(e -> e instanceof Effect.ArmTimer);

        apply(command().setEnded(AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(ID)).setEpoch(1).setEnd(true)).build());
        assertThat(status().getPhase()).as("the stopped attempt's end is stale").isEqualTo(Phase.BACKING_OFF);

        fireTimers();
        assertThat(status().getPhase()).isEqualTo(Phase.INVOKED);
        apply(frames(2, frame(type, ByteString.EMPTY)));
        InvocationStatus failed = status();
        assertThat(failed.getPhase()).as("max attempts reached: the invocation fails with the reason").isEqualTo(Phase.COMPLETED);
        assertThat(failed.getOutcome().getFailure().getCode()).isEqualTo(500);
        assertThat(failed.getOutcome().getFailure().getMessage()).isEqualTo(reason);
    }

    @Test
    void anUnknownTypeFailsByItsIdAndACustomOneIsJournaled() {
        invoke(service());
        apply(frames(1, frame(0xFC01, ByteString.copyFromUtf8("custom"))));
        assertThat(journalTypes()).containsExactly(MessageType.INPUT_COMMAND.id(), 0xFC01);
        assertThat(status().getPhase()).isEqualTo(Phase.INVOKED);

        apply(frames(1, frame(0x04FF, ByteString.EMPTY)));
        assertThat(status().getLastFailure()).isEqualTo("[0] message type 0x04FF is not a message an SDK may send here");
    }

    @Test
    void aPayloadThatDoesNotParseFailsTheAttempt() {
        invoke(service());
        apply(frames(1, frame(MessageType.OUTPUT_COMMAND, ByteString.copyFrom(new byte[] {0x0A, 0x40, 'k'}))));
        assertThat(status().getLastFailure()).startsWith("[0] payload of message type 0x0401 (OUTPUT_COMMAND) does not parse");
        assertThat(journalTypes()).containsExactly(MessageType.INPUT_COMMAND.id());
    }

    @Test
    void aStateKeyTheStoreRefusesFailsTheAttempt() {
        invoke(Target.newBuilder().setService("Obj").setHandler("h").setKey("k").setServiceKind(ServiceKind.VIRTUAL_OBJECT)
                .setHandlerKind(HandlerKind.EXCLUSIVE).build());
        apply(frames(1, frame(MessageType.SET_STATE_COMMAND, SetStateCommandMessage.newBuilder()
                .setKey(ByteString.copyFrom(new byte[600])).setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8("v"))).build().toByteString())));
        assertThat(status().getPhase()).isEqualTo(Phase.BACKING_OFF);
        assertThat(status().getLastFailure()).contains("a key must be 1-511 bytes");
    }

    @Test
    void aStatusRowThatDoesNotDecodeRejectsTheCommandWhole() {
        invoke(service());
        byte[] garbage = {0x0A, 0x7F};
        commit(tx -> tx.put(tables.status().keyspace(), ID, garbage));

        List<Effect> effects = apply(frames(1, output("x")));
        assertThat(journalTypes()).as("nothing of the rejected command stays").containsExactly(MessageType.INPUT_COMMAND.id());
        assertThat(effects).singleElement().isInstanceOf(Effect.Rejected.class);
        assertThat(rejections()).singleElement().satisfies(r -> {
            assertThat(r.getCommand()).isEqualTo("FRAMES");
            assertThat(r.getInvocationId().toByteArray()).isEqualTo(ID);
            assertThat(r.getReason()).contains("of table status does not decode");
            assertThat(r.getAt()).isEqualTo(NOW);
        });

        effects = apply(command().setComplete(Complete.newBuilder().setInvocationId(ByteString.copyFrom(ID)).setCompletionId(1)
                .setFromPartition(0).setOutboxSeq(7)).build());
        assertThat(effects).as("a rejected delivery is still acknowledged").contains(new Effect.AckOutbox(0, 7));
        assertThat(rejections()).hasSize(2);
    }

    @Test
    void aTimerThatCannotFireIsConsumedAndRecorded() {
        byte[][] key = new byte[1][];
        commit(tx -> key[0] = tables.timers().put(tx, 0, NOW, ID, TimersTable.Kind.SLEEP, 1,
                Timer.newBuilder().setInvocationId(ByteString.copyFrom(ID)).build())); // no kind
        apply(timer(key[0]));
        assertThat(rejections()).singleElement().satisfies(r -> assertThat(r.getReason()).endsWith("does not decode; dropped"));
        try (Snapshot s = store.storage().snapshot()) {
            assertThat(tables.timers().dueFrom(s, 0, null, 10)).as("the timer is gone").isEmpty();
        }

        apply(timer(new byte[] {1, 2, 3}));
        assertThat(rejections()).hasSize(2).last().satisfies(r -> assertThat(r.getReason()).isEqualTo("010203 is not a timer key of partition 0"));
        apply(command().build());
        assertThat(rejections()).hasSize(3).last().satisfies(r -> assertThat(r.getCommand()).isEqualTo("KIND_NOT_SET"));
    }

    @Test
    void recoveryIndexesAStoreWrittenBeforeTheActiveIndexAndRedrivesFromIt() {
        byte[] done = ByteBuffer.allocate(24).putLong(7).putLong(7).putLong(7).array();
        commit(tx -> { // as an older version wrote them: status rows only
            tx.put(tables.status().keyspace(), ID, InvocationStatus.newBuilder().setPhase(Phase.INVOKED).setTarget(service()).setEpoch(3).build().toByteArray());
            tx.put(tables.status().keyspace(), done, InvocationStatus.newBuilder().setPhase(Phase.COMPLETED).build().toByteArray());
        });
        List<Effect> effects = apply(command().setRecover(true).build());
        assertThat(effects).singleElement().isInstanceOfSatisfying(Effect.StartAttempt.class, s -> {
            assertThat(s.invocationId()).isEqualTo(ID);
            assertThat(s.epoch()).isEqualTo(4);
        });
        try (Snapshot s = store.storage().snapshot()) {
            assertThat(tables.active().ids(Reads.of(s), 0, 1)).containsExactly(ID);
            assertThat(tables.meta().activeIndexBuilt(Reads.of(s), 0)).isTrue();
        }
    }

    // ---- the simulated invoker ----

    private void invoke(Target target) {
        apply(command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(ID)).setTarget(target)
                .setDeployment(Deployment.newBuilder().setId("dp").setProtocolVersion(6))).build());
    }

    private static Target service() {
        return Target.newBuilder().setService("Svc").setHandler("h").setServiceKind(ServiceKind.SERVICE).setHandlerKind(HandlerKind.UNKEYED).build();
    }

    private Command frames(long epoch, Frame... frames) {
        return command().setFrames(AttemptFrames.newBuilder().setInvocationId(ByteString.copyFrom(ID)).setEpoch(epoch)
                .addAllFrames(List.of(frames)).setJitter(0.5)).build();
    }

    private static Command timer(byte[] key) {
        return command().setTimer(TimerFired.newBuilder().setTimerKey(ByteString.copyFrom(key))).build();
    }

    private static Command.Builder command() {
        return Command.newBuilder().setNow(NOW);
    }

    private static Frame frame(MessageType type, ByteString payload) {
        return frame(type.id(), payload);
    }

    private static Frame frame(int type, ByteString payload) {
        return Frame.newBuilder().setType(type).setPayload(payload).build();
    }

    private static Frame output(String value) {
        return frame(MessageType.OUTPUT_COMMAND, OutputCommandMessage.newBuilder()
                .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8(value))).build().toByteString());
    }

    private void fireTimers() {
        List<TimersTable.TimerRow> due;
        try (Snapshot s = store.storage().snapshot()) {
            due = tables.timers().dueFrom(s, 0, null, 100);
        }
        due.forEach(row -> apply(timer(row.key())));
    }

    private List<Effect> apply(Command command) {
        List<Effect> effects = new ArrayList<>();
        commit(tx -> machine.apply(command, tx, effects::add));
        return effects;
    }

    private void commit(java.util.function.Consumer<Tx> writes) {
        Tx tx;
        try (Snapshot snapshot = store.storage().snapshot()) {
            tx = new Tx(snapshot);
            writes.accept(tx);
        }
        store.storage().commit(tx.batch());
    }

    private InvocationStatus status() {
        try (Snapshot s = store.storage().snapshot()) {
            return tables.status().get(Reads.of(s), ID).orElseThrow();
        }
    }

    private List<Integer> journalTypes() {
        try (Snapshot s = store.storage().snapshot()) {
            return tables.journal().entries(Reads.of(s), ID).stream().map(JournalEntry::getType).toList();
        }
    }

    private List<Rejection> rejections() {
        try (Snapshot s = store.storage().snapshot()) {
            return tables.rejected().list(Reads.of(s), 0);
        }
    }
}
