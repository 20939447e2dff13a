package dev.resolute.worker.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.resolute.spi.browse.FailureGroup;
import dev.resolute.spi.browse.InvocationQuery;
import dev.resolute.spi.browse.RowPage;
import dev.resolute.spi.browse.StatusCount;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.CountingStorage;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.introspection.FsmDriver;
import dev.resolute.worker.introspection.InvocationRows;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationListsTest {
    private static final int ID = InvocationRows.indexOf("id");
    private static final int STATUS = InvocationRows.indexOf("status");

    @TempDir
    Path dir;
    private OpenStore store;
    private CountingStorage counting;
    private FsmDriver fsm;
    private InvocationLists lists;

    @BeforeEach
    void open() {
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        counting = new CountingStorage(store.storage());
        fsm = new FsmDriver(store.storage());
        lists = new InvocationLists(counting, FsmDriver.PARTITIONS, id -> fsm.running.contains(ByteBuffer.wrap(id)), d -> Optional.empty());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void rowsAreSysInvocationRowsWithTheUisStatus() {
        byte[] done = fsm.invoke(FsmDriver.service("Greeter", "greet"));
        fsm.end(done, "hi");
        fsm.now++;
        byte[] killed = fsm.invoke(FsmDriver.service("Greeter", "greet"));
        fsm.apply(fsm.command().setKill(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(killed))).build());
        fsm.now++;
        byte[] running = fsm.invoke(FsmDriver.object("Cart", "k", "add"));
        fsm.running.add(ByteBuffer.wrap(running));

        RowPage page = lists.page(InvocationQuery.ALL);
        assertThat(page.columns()).isEqualTo(InvocationRows.columns());
        assertThat(page.rows()).extracting(row -> row[STATUS]).containsExactly("running", "killed", "succeeded");
        assertThat(page.rows()).extracting(row -> row[ID]).containsExactly(text(running), text(killed), text(done));
        assertThat(page.nextCursor()).isEmpty();
        assertThat(page.scanned()).isEqualTo(3);
        assertThat(lists.page(withLimit(3)).nextCursor()).as("a page that ends with the last invocation").isEmpty();
        assertThat(lists.page(withLimit(2)).nextCursor()).isPresent();
    }

    @Test
    void theFirstPageReadsAboutOnePageOfStatusesHoweverManyAreStored() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            fsm.now++;
            ids.add(0, text(fsm.invoke(FsmDriver.service("Greeter", "greet"))));
        }
        counting.rowsRead.clear();
        RowPage first = lists.page(withLimit(10));
        assertThat(first.rows()).extracting(row -> row[ID]).isEqualTo(ids.subList(0, 10));
        assertThat(first.scanned()).isEqualTo(10);
        assertThat(counting.rowsRead.get("status").get()).as("statuses read").isEqualTo(10);
        assertThat(counting.rowsRead.get("created").get()).as("index entries read").isLessThanOrEqualTo(10 + FsmDriver.PARTITIONS);

        RowPage second = lists.page(withLimit(10).from(first.nextCursor()));
        assertThat(second.rows()).extracting(row -> row[ID]).isEqualTo(ids.subList(10, 20));
    }

    @Test
    void aRareFilterStopsAtTheScanBudgetWithACursorToGoOn() {
        for (int i = 0; i < 20; i++) {
            fsm.now++;
            fsm.invoke(FsmDriver.service(i == 3 ? "Rare" : "Greeter", "greet"));
        }
        InvocationQuery rare = new InvocationQuery(List.of(), List.of(), List.of("Rare"), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 5, 5);
        RowPage first = lists.page(rare);
        assertThat(first.rows()).isEmpty();
        assertThat(first.scanned()).isEqualTo(5);
        assertThat(first.nextCursor()).isPresent();
        int found = 0;
        Optional<String> cursor = first.nextCursor();
        while (cursor.isPresent()) {
            RowPage page = lists.page(rare.from(cursor));
            found += page.rows().size();
            cursor = page.nextCursor();
        }
        assertThat(found).isEqualTo(1);
        assertThat(lists.count(rare)).isEqualTo(1);
    }

    @Test
    void aFilterTheCountersRuleOutReadsNoStatus() {
        for (int i = 0; i < 20; i++) {
            fsm.now++;
            fsm.end(fsm.invoke(FsmDriver.service("Greeter", "greet")), "hi");
        }
        counting.rowsRead.clear();
        RowPage page = lists.page(new InvocationQuery(List.of(), List.of("failed"), List.of("Greeter"), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 5, 5));
        assertThat(page.rows()).isEmpty();
        assertThat(page.nextCursor()).isEmpty();
        assertThat(counting.rowsRead.getOrDefault("status", new java.util.concurrent.atomic.AtomicLong()).get()).isZero();
    }

    @Test
    void aCursorOrIdThisListDidNotMakeIsRefusedByName() {
        assertThatThrownBy(() -> lists.page(InvocationQuery.ALL.from(Optional.of("bogus"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor 'bogus'");
        assertThatThrownBy(() -> lists.page(new InvocationQuery(List.of("inv_nope"), List.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 5, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inv_nope");
    }

    @Test
    void failuresGroupByHandlerCodeAndMessageWithoutStackTraces() {
        long from = fsm.now;
        byte[] a = fsm.invoke(FsmDriver.service("Greeter", "greet"));
        fsm.fail(a, AttemptFailed.newBuilder().setCode(500).setMessage("boom").setStacktrace("Error: boom\n    at a.js:1").build());
        fsm.now += 60_000;
        byte[] b = fsm.invoke(FsmDriver.service("Greeter", "greet"));
        fsm.fail(b, AttemptFailed.newBuilder().setCode(500).setMessage("boom").setStacktrace("Error: boom\n    at b.js:2").build());
        byte[] failed = fsm.invoke(FsmDriver.service("Greeter", "shout"));
        fsm.fail(failed, AttemptFailed.newBuilder().setCode(418).setMessage("teapot").setBehavior(2).build());
        byte[] killed = fsm.invoke(FsmDriver.service("Greeter", "greet"));
        fsm.apply(fsm.command().setKill(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(killed))).build());
        fsm.invoke(FsmDriver.service("Greeter", "greet")); // not failing

        List<FailureGroup> groups = lists.failures(Instant.ofEpochMilli(from), Instant.ofEpochMilli(from + 120_000), 2);
        assertThat(groups).hasSize(2);
        FailureGroup retrying = groups.get(0);
        assertThat(List.of(retrying.service(), retrying.handler(), retrying.status(), retrying.errorCode(), retrying.message()))
                .containsExactly("Greeter", "greet", "backing-off", "500", "boom");
        assertThat(retrying.count()).isEqualTo(2);
        assertThat(retrying.buckets()).containsExactly(1L, 1L);
        assertThat(retrying.firstSeen()).isEqualTo(Instant.ofEpochMilli(from));
        assertThat(retrying.lastSeen()).isEqualTo(Instant.ofEpochMilli(from + 60_000));
        FailureGroup completed = groups.get(1);
        assertThat(List.of(completed.handler(), completed.status(), completed.errorCode(), completed.message(), completed.count()))
                .containsExactly("shout", "failed", "418", "teapot", 1L);
        assertThat(lists.failures(Instant.ofEpochMilli(from + 120_000), Instant.ofEpochMilli(from + 180_000), 3)).isEmpty();
    }

    @Test
    void theSummaryCountsCompletedOnesFromTheCountersAndTheOthersOneByOne() {
        byte[] done = fsm.invoke(FsmDriver.service("Greeter", "greet"));
        fsm.end(done, "hi");
        fsm.invoke(FsmDriver.service("Greeter", "greet"));
        byte[] late = fsm.invoke(FsmDriver.service("Greeter", "greet"));
        fsm.advance(Duration.ofHours(2));
        fsm.end(late, "hi");
        counting.rowsRead.clear();
        var summary = lists.summary(Instant.ofEpochMilli(fsm.now));
        assertThat(summary.counts()).containsExactly(new StatusCount("Greeter", "greet", "ready", 1), new StatusCount("Greeter", "greet", "succeeded", 2));
        assertThat(counting.rowsRead.get("status").get()).as("only the non-completed statuses are read").isEqualTo(1);
        assertThat(summary.lastDay().get(23).succeeded()).isEqualTo(1);
        assertThat(summary.lastDay().stream().mapToLong(b -> b.succeeded()).sum()).isEqualTo(2);
        assertThat(lists.count(new InvocationQuery(List.of(), List.of("succeeded"), List.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50, 50))).isEqualTo(2);
    }

    private static InvocationQuery withLimit(int limit) {
        return new InvocationQuery(List.of(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit, 100_000);
    }

    private static String text(byte[] id) {
        return dev.resolute.worker.ids.InvocationId.fromBytes(id).toString();
    }
}
