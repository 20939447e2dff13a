package dev.resolute.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.resolute.spi.browse.InvocationChange;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.AttemptFrames;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.engine.pb.PurgeInvocation;
import dev.resolute.worker.engine.pb.ResumeInvocation;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.fsm.PartitionStateMachine;
import dev.resolute.worker.fsm.RetryPolicy;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed-change feed over a real store and the real partition runner: each kind of change an invocation
 * goes through reaches the listeners once per commit, with the invocation as it is after the commit, and only after
 * the commit; an attempt starting and ending is a change too; nothing is computed while nobody listens.
 */
class ChangeFeedTest {
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), 2.0, 10, Duration.ofSeconds(10), true);
    private static final Target TARGET = Target.newBuilder().setService("Greeter").setHandler("greet")
            .setServiceKind(ServiceKind.SERVICE).setHandlerKind(HandlerKind.UNKEYED).build();
    private static final byte[] ID = ByteBuffer.allocate(InvocationId.BYTES).putLong(42).putLong(1).putLong(2).array();
    private static final String TEXT = InvocationId.fromBytes(ID).toString();

    @TempDir
    Path dir;
    private OpenStore store;
    private Tables tables;
    private final Set<ByteBuffer> running = new HashSet<>();
    private ChangeFeed feed;
    private PartitionRunner runner;
    private final List<List<InvocationChange>> told = new CopyOnWriteArrayList<>();
    private long index = 1;

    @BeforeEach
    void open() throws Exception {
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        tables = new Tables(store.storage());
        feed = new ChangeFeed(store.storage(), tables, 1, id -> running.contains(ByteBuffer.wrap(id)));
        runner = new PartitionRunner(0, store.storage(), tables, new PartitionStateMachine(0, 1, tables, RETRY), effect -> { },
                () -> true, feed);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void everyKindOfChangeReachesTheListenersOncePerCommitWithTheStateAfterIt() throws Exception {
        feed.watch(told::add);

        apply(command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(ID)).setTarget(TARGET)
                .setDeployment(Deployment.newBuilder().setId("dp_1").setProtocolVersion(6)).setInput(ByteString.copyFromUtf8("in"))));
        assertTold("created", "ready", 1, 0);

        running.add(ByteBuffer.wrap(ID));
        feed.attemptChanged(ID);
        assertTold("an attempt starts", "running", 1, 0);

        apply(command().setFrames(AttemptFrames.newBuilder().setInvocationId(ByteString.copyFrom(ID)).setEpoch(epoch())
                .addFrames(frame(RunCommandMessage.newBuilder().setResultCompletionId(1).setName("step").build()))));
        assertTold("a journal append", "running", 2, 0);

        apply(command().setEnded(ended().setFailed(AttemptFailed.newBuilder().setCode(500).setMessage("boom"))));
        assertTold("a failed attempt, committed while its thread still ends", "running", 2, 1);
        running.clear();
        feed.attemptChanged(ID);
        assertTold("the attempt ended", "backing-off", 2, 1);

        apply(command().setPause(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(ID))));
        assertTold("paused", "paused", 2, 1);

        apply(command().setResume(ResumeInvocation.newBuilder().setInvocationId(ByteString.copyFrom(ID))),
                command().setPause(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(ID))),
                command().setResume(ResumeInvocation.newBuilder().setInvocationId(ByteString.copyFrom(ID))));
        assertThat(told).as("three commands on one invocation in one batch: one change").hasSize(1);
        assertThat(told.remove(0)).singleElement().satisfies(change -> assertThat(change.status()).isIn("ready", "backing-off"));

        apply(command().setEnded(ended().addFrames(frame(OutputCommandMessage.newBuilder()
                .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8("hi"))).build())).setEnd(true)));
        assertTold("completed (a success ends the retries)", "succeeded", 3, 0);

        apply(command().setPurge(PurgeInvocation.newBuilder().setInvocationId(ByteString.copyFrom(ID))));
        assertThat(told).singleElement().isEqualTo(List.of(new InvocationChange(TEXT, "Greeter", "greet", "deleted", 0, 0)));
    }

    @Test
    void aBatchThatChangesNoInvocationTellsNothing() {
        feed.watch(told::add);
        apply(command().setPause(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(ID)))); // unknown: not found
        assertThat(told).isEmpty();
    }

    @Test
    void listenersHearOnlyAfterTheCommitIsDurable() {
        List<Boolean> storedWhenTold = new ArrayList<>();
        feed.watch(changes -> {
            try (Snapshot snapshot = store.storage().snapshot()) {
                storedWhenTold.add(tables.status().get(Reads.of(snapshot), ID).isPresent());
            }
        });
        var batch = runner.apply(index++, List.of(invoke()));
        assertThat(storedWhenTold).as("not while applying").isEmpty();
        batch.effects().run();
        assertThat(storedWhenTold).containsExactly(true);
    }

    @Test
    void nothingIsCollectedWhileNobodyWatches() {
        AtomicInteger collected = new AtomicInteger();
        CommitWatch idle = new CommitWatch() {
            @Override
            public boolean watching() {
                return false;
            }

            @Override
            public Runnable changed(int partition, Tx tx, Reads before) {
                collected.incrementAndGet();
                return () -> { };
            }
        };
        PartitionRunner unwatched = new PartitionRunner(0, store.storage(), tables, new PartitionStateMachine(0, 1, tables, RETRY),
                effect -> { }, () -> true, idle);
        unwatched.apply(1, List.of(invoke())).effects().run();
        assertThat(collected).hasValue(0);
        assertThat(feed.watching()).isFalse();
    }

    @Test
    void aClosedWatchStopsAndAThrowingListenerHarmsNoOther() throws Exception {
        AutoCloseable first = feed.watch(told::add);
        List<List<InvocationChange>> second = new CopyOnWriteArrayList<>();
        feed.watch(changes -> {
            throw new IllegalStateException("a broken listener");
        });
        AutoCloseable third = feed.watch(second::add);
        apply(invoke().toBuilder());
        assertThat(told).hasSize(1);
        assertThat(second).hasSize(1);

        first.close();
        apply(command().setPause(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(ID))));
        assertThat(told).as("closed: no more calls").hasSize(1);
        assertThat(second).hasSize(2);
        third.close();
        assertThat(feed.watching()).as("the throwing listener still watches").isTrue();
    }

    private void apply(Command.Builder... commands) {
        List<Command> batch = new ArrayList<>();
        for (Command.Builder c : commands) {
            batch.add(c.build());
        }
        runner.apply(index, batch).effects().run();
        index += batch.size();
    }

    private void assertTold(String what, String status, int journalLength, long retryCount) {
        assertThat(told).as(what + ": one call").hasSize(1);
        assertThat(told.remove(0)).as(what).containsExactly(new InvocationChange(TEXT, "Greeter", "greet", status, journalLength, retryCount));
    }

    private Command invoke() {
        return command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(ID)).setTarget(TARGET)
                .setDeployment(Deployment.newBuilder().setId("dp_1").setProtocolVersion(6)).setInput(ByteString.copyFromUtf8("in"))).build();
    }

    private Command.Builder command() {
        return Command.newBuilder().setNow(1_700_000_000_000L + index);
    }

    private long epoch() {
        try (Snapshot snapshot = store.storage().snapshot()) {
            return tables.status().get(Reads.of(snapshot), ID).orElseThrow().getEpoch();
        }
    }

    private AttemptEnded.Builder ended() {
        return AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(ID)).setEpoch(epoch()).setJitter(0.5);
    }

    private static Frame frame(Message message) {
        return Frame.newBuilder().setType(MessageType.of(message).id()).setPayload(message.toByteString()).build();
    }
}
