package dev.resolute.worker.introspection;

import static dev.resolute.worker.introspection.FsmDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.spi.query.RowScan;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.CountingStorage;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.pb.GetPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Filters on {@code id}, {@code partition_key}, the object key and {@code status} become key-range reads: each scan
 * reads the rows it may return and a few more, counted on the store, while the tables hold hundreds of rows; and it
 * returns every row a full scan returns that matches the filter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushdownReadsTest {
    private static final int OBJECTS = 40;
    private static final int STATE_ENTRIES = 3;
    private static final int COMPLETED_SERVICE_CALLS = 150;

    private Path dir;
    private OpenStore store;
    private CountingStorage counting;
    private FsmDriver fsm;
    private byte[] runningService;
    private final List<byte[]> holders = new ArrayList<>();

    @BeforeAll
    void populate() throws IOException {
        dir = Files.createTempDirectory("pushdown");
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        counting = new CountingStorage(store.storage());
        fsm = new FsmDriver(counting);
        for (int i = 0; i < OBJECTS; i++) {
            String key = "k" + i;
            byte[] writer = fsm.invoke(FsmDriver.object("Counter", key, "add"));
            for (int s = 0; s < STATE_ENTRIES; s++) {
                fsm.frames(writer, null, frame(SetStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("s" + s))
                        .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8("v" + s))).build()));
            }
            fsm.end(writer, "ok");
            holders.add(fsm.invoke(FsmDriver.object("Counter", key, "add"))); // holds the lock
            fsm.invoke(FsmDriver.object("Counter", key, "add")); // waits in the inbox
            byte[] run = fsm.invoke(FsmDriver.workflow("Flow", key, "run", HandlerKind.WORKFLOW_RUN),
                    Invoke.newBuilder().setInvocationId(ByteString.copyFrom(InvocationId.forWorkflowRun("Flow", key).toBytes())));
            fsm.frames(run, null, frame(GetPromiseCommandMessage.newBuilder().setKey("p").setResultCompletionId(1).build()));
        }
        for (int i = 0; i < COMPLETED_SERVICE_CALLS; i++) {
            byte[] id = fsm.invoke(FsmDriver.service("Svc", "h"), Invoke.newBuilder().setIdempotencyKey("ik" + i)
                    .setInvocationId(ByteString.copyFrom(InvocationId.forIdempotentRequest("Svc", Optional.empty(), "h", "ik" + i).toBytes())));
            fsm.end(id, "done");
        }
        runningService = fsm.invoke(FsmDriver.service("Svc", "h"));
    }

    @AfterAll
    void close() throws IOException {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Scans with {@code filter}, checks the rows against a full scan, and returns the rows read from the store. */
    private long readsOf(String table, ScanFilter filter, int expectedRows) {
        counting.rowsRead.clear();
        List<Map<String, Object>> narrowed = comparable(fsm.rows(table, filter));
        long reads = counting.total();
        assertThat(counting.openSnapshots).as("the scan's snapshot is released by close").hasValue(0);
        List<Map<String, Object>> all = comparable(fsm.rows(table)).stream().filter(row -> filter.anyOf().entrySet().stream()
                .allMatch(e -> row.get(e.getKey()) != null && e.getValue().contains(row.get(e.getKey()))))
                .filter(row -> filter.noneOf().entrySet().stream()
                        .allMatch(e -> row.get(e.getKey()) != null && !e.getValue().contains(row.get(e.getKey())))).toList();
        assertThat(narrowed).filteredOn(all::contains).as("a narrowed scan returns what a full scan would").hasSameSizeAs(all);
        assertThat(all).hasSize(expectedRows);
        return reads;
    }

    /** Rows with their byte arrays as hex, so that equal rows are equal. */
    private static List<Map<String, Object>> comparable(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> {
            Map<String, Object> out = new java.util.LinkedHashMap<>(row);
            out.replaceAll((column, value) -> value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value);
            return out;
        }).toList();
    }

    private static ScanFilter where(String column, Object... values) {
        return new ScanFilter(Map.of(column, List.of(values)));
    }

    private static String text(byte[] id) {
        return InvocationId.fromBytes(id).toString();
    }

    @Test
    void theTablesAreLargeEnoughThatAFullScanShows() {
        counting.rowsRead.clear();
        assertThat(fsm.rows("sys_invocation_status")).hasSize(4 * OBJECTS + COMPLETED_SERVICE_CALLS + 1);
        assertThat(counting.rowsRead.get("status")).hasValue(4 * OBJECTS + COMPLETED_SERVICE_CALLS + 1);
    }

    @Test
    void anIdReadsOneStatusAndOneJournal() {
        byte[] holder = holders.get(7);
        assertThat(readsOf("sys_invocation_status", where("id", text(holder)), 1)).isEqualTo(1);
        assertThat(readsOf("sys_invocation", where("id", text(holder)), 1)).isEqualTo(1);
        assertThat(readsOf("sys_invocation_state", where("id", text(runningService)), 1)).isEqualTo(1);
        assertThat(readsOf("sys_invocation_status", where("id", "inv_not_an_id", text(runningService)), 1)).isEqualTo(1);
        assertThat(readsOf("sys_journal", where("id", text(holder)), 1)).isEqualTo(1); // its Input
    }

    @Test
    void aPartitionKeyOrObjectKeyReadsThatKeysRows() {
        long pk = PartitionKeys.of("k3");
        int perKey = 4; // the writer, the holder, the inboxed one, the workflow run
        assertThat(readsOf("sys_invocation_status", where("partition_key", pk), perKey)).isEqualTo(perKey);
        assertThat(readsOf("sys_invocation_status", where("target_service_key", "k3"), perKey)).isEqualTo(perKey);
        assertThat(readsOf("sys_invocation", where("target_service_key", "k3", "k4"), 2 * perKey)).isEqualTo(2 * perKey);
        assertThat(readsOf("sys_journal", where("partition_key", pk), 1 + STATE_ENTRIES + 1 + 1 + 1 + 2)).isEqualTo(9);
        assertThat(readsOf("state", where("partition_key", pk), STATE_ENTRIES)).isEqualTo(STATE_ENTRIES);
        assertThat(readsOf("state", where("service_key", "k3"), STATE_ENTRIES)).isEqualTo(STATE_ENTRIES);
        assertThat(readsOf("state", new ScanFilter(Map.of("service_name", List.of("Counter"), "service_key", List.of("k3"))), STATE_ENTRIES))
                .isEqualTo(STATE_ENTRIES);
        assertThat(readsOf("state", new ScanFilter(Map.of("service_name", List.of("Flow"), "service_key", List.of("k3"))), 0)).isZero();
        assertThat(readsOf("sys_keyed_service_status", new ScanFilter(Map.of("service_name", List.of("Counter"), "service_key", List.of("k3"))), 1))
                .isEqualTo(1);
        assertThat(readsOf("sys_inbox", where("service_key", "k3"), 1)).isEqualTo(1);
        assertThat(readsOf("sys_promise", new ScanFilter(Map.of("service_name", List.of("Flow"), "service_key", List.of("k3"))), 1)).isEqualTo(1);
        assertThat(readsOf("sys_locks", where("lock_name", "Counter/k3"), 1)).isEqualTo(2); // the lock and its holder's status
        assertThat(readsOf("sys_idempotency", where("partition_key", PartitionKeys.of("ik9")), 1)).isEqualTo(1);
    }

    @Test
    void aStatusThatIsNotCompletedReadsTheActiveIndex() {
        int active = 3 * OBJECTS + 1; // holders, inboxed, workflow runs, the running service call
        long reads = readsOf("sys_invocation_status", where("status", "invoked", "inboxed", "suspended"), active);
        assertThat(reads).isEqualTo(2L * active); // an index entry and a status each
        assertThat(readsOf("sys_invocation", where("status", "pending"), OBJECTS)).isEqualTo(2L * active);
        assertThat(readsOf("sys_invocation_state", ScanFilter.ALL, 2 * OBJECTS + 1)).isEqualTo(2L * active);
        assertThat(readsOf("sys_invocation_status", where("status", "completed"), OBJECTS + COMPLETED_SERVICE_CALLS))
                .as("completed ones have no index: a full scan").isEqualTo(4 * OBJECTS + COMPLETED_SERVICE_CALLS + 1);
    }

    @Test
    void aStatusThatMustNotBeCompletedReadsTheActiveIndex() {
        int active = 3 * OBJECTS + 1;
        ScanFilter notCompleted = new ScanFilter(Map.of(), Map.of("status", List.of("completed")));
        // the deployments commands' shape: status != 'completed'; the engine checks the filter again
        assertThat(readsOf("sys_invocation_status", notCompleted, active)).isEqualTo(2L * active);
        assertThat(readsOf("sys_invocation", notCompleted, active)).isEqualTo(2L * active);
        ScanFilter notInvoked = new ScanFilter(Map.of(), Map.of("status", List.of("invoked")));
        int notInvokedRows = (int) fsm.rows("sys_invocation_status").stream().filter(row -> !"invoked".equals(row.get("status"))).count();
        assertThat(readsOf("sys_invocation_status", notInvoked, notInvokedRows))
                .as("excluding an active status says nothing of completed ones: a full scan")
                .isEqualTo(4 * OBJECTS + COMPLETED_SERVICE_CALLS + 1);
    }

    @Test
    void aScanReadsAsItIsConsumedAndReleasesItsSnapshotOnClose() {
        counting.rowsRead.clear();
        try (RowScan scan = fsm.table("sys_invocation_status").scan(ScanFilter.ALL)) {
            assertThat(counting.openSnapshots).hasValue(1);
            scan.next();
            scan.next();
            assertThat(counting.total()).as("rows read after two rows of a large table").isLessThanOrEqualTo(3);
        }
        assertThat(counting.openSnapshots).hasValue(0);
    }
}
