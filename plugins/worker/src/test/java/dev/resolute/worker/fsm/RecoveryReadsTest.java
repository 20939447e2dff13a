package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.CountingStorage;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart does not re-read completed history: recovery reads the index of non-completed invocations and their
 * statuses, so its reads do not grow with the completed invocations (still retained) in the store.
 */
class RecoveryReadsTest {
    private static final int COMPLETED = 500;
    private static final int RUNNING = 3;

    @TempDir
    Path dir;

    @Test
    void recoveryReadsOnlyTheInvocationsThatAreNotCompleted() {
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of())) {
            CountingStorage counting = new CountingStorage(store.storage());
            Tables tables = new Tables(counting);
            PartitionStateMachine machine = new PartitionStateMachine(0, 1, tables, new RetryPolicy(Duration.ofMillis(10), 1.0, 5, Duration.ofMillis(10), false));
            apply(counting, machine, Command.newBuilder().setNow(1).setRecover(true).build());
            for (int i = 1; i <= COMPLETED + RUNNING; i++) {
                byte[] id = new InvocationId(i, i, i).toBytes();
                apply(counting, machine, Command.newBuilder().setNow(2).setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id))
                        .setDeployment(Deployment.newBuilder().setId("dp").setProtocolVersion(6))
                        .setTarget(Target.newBuilder().setService("Svc").setHandler("h").setServiceKind(ServiceKind.SERVICE).setHandlerKind(HandlerKind.UNKEYED))
                        .setCompletionRetentionMs(Duration.ofDays(1).toMillis()).setJournalRetentionMs(Duration.ofDays(1).toMillis())).build());
                if (i <= COMPLETED) {
                    apply(counting, machine, Command.newBuilder().setNow(3).setEnded(AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(id))
                            .setEpoch(1).setEnd(true).addFrames(Frame.newBuilder().setType(MessageType.OUTPUT_COMMAND.id()).setPayload(OutputCommandMessage
                                    .newBuilder().setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8("done"))).build().toByteString()))).build());
                }
            }

            counting.rowsRead.clear();
            List<Effect> effects = apply(counting, machine, Command.newBuilder().setNow(4).setRecover(true).build());

            assertThat(effects).filteredOn(e -> e instanceof Effect.StartAttempt).hasSize(RUNNING);
            // each running invocation: its index row scanned and checked again when its status is rewritten, its status read
            assertThat(counting.rowsRead.getOrDefault("active", new AtomicLong()).get()).isEqualTo(2 * RUNNING);
            assertThat(counting.rowsRead.getOrDefault("status", new AtomicLong()).get()).isEqualTo(RUNNING);
            assertThat(counting.rowsRead.keySet()).as("nothing but the index, the statuses, the outbox and meta is read")
                    .isSubsetOf("active", "status", "outbox", "meta");
            long total = counting.total();
            assertThat(total).as("rows read in all, with %d completed invocations stored", COMPLETED).isLessThan(4 * RUNNING + 10);
        }
    }

    private static List<Effect> apply(Storage storage, PartitionStateMachine machine, Command command) {
        List<Effect> effects = new ArrayList<>();
        Tx tx;
        try (Snapshot snapshot = storage.snapshot()) {
            tx = new Tx(snapshot);
            machine.apply(command, tx, effects::add);
        }
        storage.commit(tx.batch());
        return effects;
    }
}
