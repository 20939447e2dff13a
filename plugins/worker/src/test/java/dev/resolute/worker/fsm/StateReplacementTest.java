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
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ModifyState (the admin API's state replacement) through the partition's state machine: it replaces the whole state
 * at once when the object's lock is free, waits behind the lock's holder and the invocations that arrived before it
 * otherwise, and checks Restate's optimistic version (restate-protocol.md §4.5, with its test vector).
 */
class StateReplacementTest {
    private static final String KEY = "acct-9";
    private static final ObjectKey OBJECT = new ObjectKey(PartitionKeys.of(KEY), "Counter", KEY);
    private static final String BOB_VERSION = "tDqA04Lj3_qJ-PgNPTecXDGZgpwy6jm2Ni2BYqJIthM"; // of {"name": "bob"}

    @TempDir
    Path dir;
    private OpenStore store;
    private Tables tables;
    private PartitionStateMachine machine;
    private long seq;

    @BeforeEach
    void open() throws Exception {
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        tables = new Tables(store.storage());
        machine = new PartitionStateMachine(0, 1, tables, new RetryPolicy(Duration.ofMillis(10), 1.0, 5, Duration.ofMillis(10), false));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aFreeObjectsStateIsReplacedWholesaleAtOnce() {
        apply(replace(Map.of("old", "1", "name", "x")));
        Reply reply = apply(replace(Map.of("name", "bob")));

        assertThat(reply.getCode()).isEqualTo(Reply.Code.OK);
        assertThat(state()).isEqualTo(Map.of("name", "bob"));
    }

    @Test
    void aReplacementWaitsForTheLockAndGoesBeforeInvocationsThatArriveAfterIt() {
        byte[] holder = invoke();
        byte[] before = invoke(); // inboxed before the replacement
        apply(replace(Map.of("count", "7")));
        byte[] after = invoke();  // inboxed after it
        assertThat(state()).as("waits while the lock is held").isEmpty();

        end(holder);
        assertThat(state()).as("the invocation that arrived first runs first").isEmpty();
        assertThat(phase(before)).isEqualTo(Phase.INVOKED);
        end(before);
        assertThat(state()).isEqualTo(Map.of("count", "7"));
        assertThat(phase(after)).as("and the one after it runs on the new state").isEqualTo(Phase.INVOKED);
        assertThat(dump(tables.stateMutations())).isEmpty();
    }

    @Test
    void aStaleVersionChangesNothingAndTheCurrentOneApplies() {
        apply(replace(Map.of("name", "bob")));
        Reply stale = apply(replace(Map.of("name", "eve")).toBuilder().setVersion("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU").build());
        assertThat(stale.getCode()).isEqualTo(Reply.Code.CONFLICT);
        assertThat(state()).isEqualTo(Map.of("name", "bob"));
        assertThat(dump(tables.rejected())).as("the refusal is recorded").hasSize(1);

        Reply current = apply(replace(Map.of("name", "eve")).toBuilder().setVersion(BOB_VERSION).build());
        assertThat(current.getCode()).isEqualTo(Reply.Code.OK);
        assertThat(state()).isEqualTo(Map.of("name", "eve"));
    }

    @Test
    void theEmptyStatesVersionIsRestates() {
        Reply reply = apply(replace(Map.of("a", "1")).toBuilder().setVersion("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU").build());
        assertThat(reply.getCode()).isEqualTo(Reply.Code.OK);
        assertThat(state()).isEqualTo(Map.of("a", "1"));
    }

    private static ModifyState replace(Map<String, String> entries) {
        ModifyState.Builder m = ModifyState.newBuilder().setService("Counter").setKey(KEY);
        new TreeMap<>(entries).forEach((k, v) -> m.addEntries(ModifyState.Entry.newBuilder().setKey(ByteString.copyFromUtf8(k))
                .setValue(ByteString.copyFromUtf8(v))));
        return m.build();
    }

    private Reply apply(ModifyState mutation) {
        return apply(Command.newBuilder().setNow(1_000).setModifyState(mutation).build());
    }

    private byte[] invoke() {
        seq++;
        byte[] id = new InvocationId(OBJECT.partitionKey(), seq, ~seq).toBytes();
        apply(Command.newBuilder().setNow(1_000).setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id))
                .setDeployment(Deployment.newBuilder().setId("dp").setProtocolVersion(6)).setTarget(Target.newBuilder().setService("Counter")
                        .setHandler("add").setKey(KEY).setServiceKind(ServiceKind.VIRTUAL_OBJECT).setHandlerKind(HandlerKind.EXCLUSIVE))).build());
        return id;
    }

    private void end(byte[] id) {
        long epoch;
        try (Snapshot s = store.storage().snapshot()) {
            epoch = tables.status().get(Reads.of(s), id).orElseThrow().getEpoch();
        }
        apply(Command.newBuilder().setNow(1_000).setEnded(AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(id))
                .setEpoch(epoch).setEnd(true)).build());
    }

    private Reply apply(Command command) {
        Tx tx;
        Reply reply;
        try (Snapshot snapshot = store.storage().snapshot()) {
            tx = new Tx(snapshot);
            reply = machine.apply(command, tx, effect -> {
            });
        }
        store.storage().commit(tx.batch());
        return reply;
    }

    private Phase phase(byte[] id) {
        try (Snapshot s = store.storage().snapshot()) {
            return tables.status().get(Reads.of(s), id).orElseThrow().getPhase();
        }
    }

    private Map<String, String> state() {
        Map<String, String> out = new TreeMap<>();
        try (Snapshot s = store.storage().snapshot()) {
            tables.state().entries(Reads.of(s), OBJECT, e -> {
                out.put(new String(e.key(), StandardCharsets.UTF_8), new String(e.value(), StandardCharsets.UTF_8));
                return true;
            });
        }
        return out;
    }

    private List<String> dump(dev.resolute.worker.tables.Table table) {
        try (Snapshot s = store.storage().snapshot(); var it = s.scan(table.keyspace(), dev.resolute.spi.storage.KeyRange.all())) {
            List<String> rows = new java.util.ArrayList<>();
            while (it.hasNext()) {
                rows.add(java.util.HexFormat.of().formatHex(it.next().key()));
            }
            return rows;
        }
    }
}
