package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ModifyState;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * State replacements against a model of one object's arrival order: exclusive invocations and replacements arrive
 * and lock holders end in any interleaving. Each invocation starts on the state of the last replacement that arrived
 * before it (and no later one), and once the lock is free the state is the last replacement's.
 */
class StateReplacementProperties {
    private static final String KEY = "obj";
    private static final ObjectKey OBJECT = new ObjectKey(PartitionKeys.of(KEY), "Counter", KEY);

    @Property(tries = 100)
    void replacementsApplyInArrivalOrderWithTheInbox(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 2) Integer> ops) throws Exception {
        Path dir = Files.createTempDirectory("replace-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of())) {
            Tables tables = new Tables(store.storage());
            PartitionStateMachine machine = new PartitionStateMachine(0, 1, tables,
                    new RetryPolicy(Duration.ofMillis(10), 1.0, 5, Duration.ofMillis(10), false));
            Deque<Object> queue = new ArrayDeque<>(); // the model: what waits for the lock, in arrival order
            byte[] holder = null;
            String state = "";  // the model's current state value ("" = none)
            long seq = 0;
            for (int op : ops) {
                switch (op) {
                    case 0 -> { // an exclusive invocation arrives
                        seq++;
                        byte[] id = new InvocationId(OBJECT.partitionKey(), seq, ~seq).toBytes();
                        apply(store, machine, Command.newBuilder().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id))
                                .setDeployment(Deployment.newBuilder().setId("dp").setProtocolVersion(6)).setTarget(Target.newBuilder()
                                        .setService("Counter").setHandler("add").setKey(KEY).setServiceKind(ServiceKind.VIRTUAL_OBJECT)
                                        .setHandlerKind(HandlerKind.EXCLUSIVE))).build());
                        if (holder == null) {
                            holder = id;
                            assertThat(state(store, tables)).as("starts on the current state").isEqualTo(state);
                        } else {
                            queue.add(id);
                        }
                    }
                    case 1 -> { // a replacement arrives
                        String value = "v" + (seq++);
                        apply(store, machine, Command.newBuilder().setModifyState(ModifyState.newBuilder().setService("Counter").setKey(KEY)
                                .addEntries(ModifyState.Entry.newBuilder().setKey(ByteString.copyFromUtf8("k")).setValue(ByteString.copyFromUtf8(value))))
                                .build());
                        if (holder == null) {
                            state = value;
                        } else {
                            queue.add(value);
                        }
                    }
                    default -> { // the lock holder ends: what waited applies in order up to the next invocation
                        if (holder == null) {
                            continue;
                        }
                        apply(store, machine, Command.newBuilder().setEnded(AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(holder))
                                .setEpoch(1).setEnd(true)).build());
                        holder = null;
                        while (!queue.isEmpty() && holder == null) {
                            Object next = queue.poll();
                            if (next instanceof String value) {
                                state = value;
                            } else {
                                holder = (byte[]) next;
                            }
                        }
                        assertThat(state(store, tables)).as("the next invocation starts on the state that arrived before it").isEqualTo(state);
                        if (holder != null) {
                            assertThat(phase(store, tables, holder)).isEqualTo(Phase.INVOKED);
                        }
                    }
                }
            }
            assertThat(state(store, tables)).isEqualTo(state);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void apply(OpenStore store, PartitionStateMachine machine, Command command) {
        Tx tx;
        try (Snapshot snapshot = store.storage().snapshot()) {
            tx = new Tx(snapshot);
            machine.apply(command.toBuilder().setNow(1_000).build(), tx, effect -> {
            });
        }
        store.storage().commit(tx.batch());
    }

    private static String state(OpenStore store, Tables tables) {
        try (Snapshot s = store.storage().snapshot()) {
            return tables.state().get(Reads.of(s), OBJECT, "k".getBytes(StandardCharsets.UTF_8))
                    .map(v -> new String(v, StandardCharsets.UTF_8)).orElse("");
        }
    }

    private static Phase phase(OpenStore store, Tables tables, byte[] id) {
        try (Snapshot s = store.storage().snapshot()) {
            return tables.status().get(Reads.of(s), id).orElseThrow().getPhase();
        }
    }
}
