package dev.resolute.worker.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.OutboxMessage;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Timer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed tables on a real store: what goes in comes out, and each table describes itself. */
class TablesTest {
    private static final byte[] ID = ByteBuffer.allocate(24).putLong(5).putLong(6).putLong(7).array();

    @TempDir
    Path dir;
    private OpenStore store;
    private Tables tables;

    @BeforeEach
    void open() {
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        tables = new Tables(store.storage());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void writingAStatusKeepsTheActiveIndex() {
        commit(tx -> tables.status().put(tx, ID, InvocationStatus.newBuilder().setPhase(Phase.INVOKED).build()));
        assertThat(this.<List<byte[]>>read(r -> tables.active().ids(r, 0, 1))).containsExactly(ID);
        commit(tx -> tables.status().put(tx, ID, InvocationStatus.newBuilder().setPhase(Phase.COMPLETED).build()));
        assertThat(this.<List<byte[]>>read(r -> tables.active().ids(r, 0, 1))).isEmpty();
        assertThat(read(r -> tables.status().get(r, ID)).orElseThrow().getPhase()).isEqualTo(Phase.COMPLETED);
    }

    @Test
    void anUnreadableStatusIsReportedWithItsKey() {
        commit(tx -> tx.put(tables.status().keyspace(), ID, new byte[] {0x0A, 0x7F}));
        assertThatThrownBy(() -> read(r -> tables.status().get(r, ID))).isInstanceOf(UnreadableRowException.class)
                .hasMessageStartingWith("row " + java.util.HexFormat.of().formatHex(ID) + " of table status does not decode");
    }

    @Test
    void theInboxPopsInArrivalOrder() {
        ObjectKey object = new ObjectKey(5, "Obj", "k");
        byte[] second = ByteBuffer.allocate(24).putLong(5).putLong(8).putLong(9).array();
        commit(tx -> {
            tables.inbox().enqueue(tx, object, 2, second);
            tables.inbox().enqueue(tx, object, 1, ID);
            tables.inbox().enqueue(tx, new ObjectKey(5, "Obj", "j"), 0, second); // another key's inbox sorts first
        });
        InboxTable.Entry first = read(r -> tables.inbox().first(r, object)).orElseThrow();
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.invocationId()).isEqualTo(ID);
        commit(tx -> tables.inbox().remove(tx, first));
        assertThat(read(r -> tables.inbox().first(r, object)).orElseThrow().invocationId()).isEqualTo(second);
    }

    @Test
    void stateRoundTripsPerObject() {
        ObjectKey a = new ObjectKey(5, "Obj", "a");
        commit(tx -> {
            tables.state().put(tx, a, bytes("x"), bytes("1"));
            tables.state().put(tx, a, bytes("y"), bytes("2"));
            tables.state().put(tx, new ObjectKey(5, "Obj", "ab"), bytes("z"), bytes("3"));
        });
        assertThat(this.<List<byte[]>>read(r -> tables.state().keys(r, a))).containsExactly(bytes("x"), bytes("y"));
        assertThat(this.<java.util.Optional<byte[]>>read(r -> tables.state().get(r, a, bytes("y")))).contains(bytes("2"));
        commit(tx -> tables.state().clear(tx, a));
        assertThat(this.<List<byte[]>>read(r -> tables.state().keys(r, a))).isEmpty();
        assertThat(this.<List<byte[]>>read(r -> tables.state().keys(r, new ObjectKey(5, "Obj", "ab")))).hasSize(1);
    }

    @Test
    void timersComeBackInDueOrderPageByPage() {
        commit(tx -> {
            for (long wake : new long[] {30, 10, 20, 40}) {
                tables.timers().put(tx, 1, wake, ID, TimersTable.Kind.SLEEP, wake, Timer.newBuilder().setSleepCompletionId((int) wake).build());
            }
            tables.timers().put(tx, 2, 5, ID, TimersTable.Kind.START, 0, Timer.newBuilder().setStart(true).build()); // another partition
        });
        try (Snapshot s = store.storage().snapshot()) {
            List<TimersTable.TimerRow> page = tables.timers().dueFrom(s, 1, null, 3);
            assertThat(page).extracting(TimersTable.TimerRow::wakeMillis).containsExactly(10L, 20L, 30L);
            assertThat(page.get(0).timer().getSleepCompletionId()).isEqualTo(10);
            assertThat(tables.timers().dueFrom(s, 1, page.get(2).key(), 3)).extracting(TimersTable.TimerRow::wakeMillis).containsExactly(40L);
            assertThat(tables.timers().dueFrom(s, 1, null, 0)).isEmpty();
        }
    }

    @Test
    void outboxRowsDecodeOnDemand() {
        OutboxMessage message = OutboxMessage.newBuilder().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(ID))).build();
        commit(tx -> {
            tables.outbox().append(tx, 0, 1, 3, message);
            tx.put(tables.outbox().keyspace(), OutboxTable.key(0, 2), new byte[] {7});
        });
        List<OutboxTable.Row> rows = read(r -> tables.outbox().pending(r, 0));
        assertThat(rows).extracting(OutboxTable.Row::seq).containsExactly(1L, 2L);
        assertThat(rows.get(0).targetPartition()).isEqualTo(3);
        assertThat(rows.get(0).message()).isEqualTo(message);
        assertThatThrownBy(() -> rows.get(1).message()).isInstanceOf(UnreadableRowException.class);
    }

    @Test
    void metaCountsAndKeepsTheAppliedIndex() {
        commit(tx -> {
            assertThat(tables.meta().next(tx, 0, MetaTable.Counter.OUTBOX)).isEqualTo(1);
            assertThat(tables.meta().next(tx, 0, MetaTable.Counter.OUTBOX)).isEqualTo(2);
            tables.meta().putAppliedIndex(tx, 0, 41);
        });
        try (Snapshot s = store.storage().snapshot()) {
            assertThat(tables.meta().appliedIndex(s, 0)).isEqualTo(41);
            assertThat(tables.meta().appliedIndex(s, 1)).as("nothing applied yet").isZero();
        }
    }

    @Test
    void everyTableDescribesItsOwnKeyspaceWithRestateColumnNames() {
        assertThat(tables.all()).allSatisfy(t -> assertThat(t.schema().keyspace()).isEqualTo(t.keyspace().name()));
        assertThat(tables.all()).extracting(t -> t.keyspace().name()).doesNotHaveDuplicates()
                .contains("status", "journal", "notifications", "state", "locks", "inbox", "timers", "outbox", "meta", "active", "rejected");
        assertThat(tables.status().schema().restateTable()).contains("sys_invocation_status");
        assertThat(tables.state().schema().key()).extracting(Column::name).containsExactly("partition_key", "service_name", "service_key", "key");
        assertThat(tables.inbox().schema().key()).extracting(Column::name)
                .containsExactly("partition_key", "service_name", "service_key", "sequence_number");
        assertThat(tables.journal().schema().key()).extracting(Column::name).containsExactly("id", "index");
        assertThat(tables.timers().schema().value()).singleElement()
                .satisfies(c -> assertThat(c.message().orElseThrow().getFullName()).isEqualTo("dev.resolute.engine.Timer"));
    }

    private void commit(Consumer<Tx> writes) {
        Tx tx;
        try (Snapshot snapshot = store.storage().snapshot()) {
            tx = new Tx(snapshot);
            writes.accept(tx);
        }
        store.storage().commit(tx.batch());
    }

    private <T> T read(java.util.function.Function<Reads, T> reads) {
        try (Snapshot snapshot = store.storage().snapshot()) {
            return reads.apply(Reads.of(snapshot));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
