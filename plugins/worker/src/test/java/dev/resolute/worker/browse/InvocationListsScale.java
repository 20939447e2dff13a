package dev.resolute.worker.browse;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.spi.browse.InvocationQuery;
import dev.resolute.spi.browse.RowPage;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.fsm.PartitionStateMachine;
import dev.resolute.worker.fsm.RetryPolicy;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.introspection.FsmDriver;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process side of bench/ui: {@code lists.bench.size} completed invocations (24 partitions, LMDB, four services
 * as bench/sql/fill.js mixes them, one created per millisecond, retained a day) written through the partition state
 * machines in large batches, then each list call timed (median and minimum of 10 after 3 warm-up runs) and printed.
 * With {@code lists.bench.dir} the store is a node's data dir that a stopped server made (bench/ui/million.sh then
 * serves it). Run with {@code mvn ... -pl plugins/worker -am -Dtest=InvocationListsScale -Dlists.bench.size=1000000}.
 */
@EnabledIfSystemProperty(named = "lists.bench.size", matches = "[0-9]+")
class InvocationListsScale {
    private static final int PARTITIONS = 24;
    private static final int BATCH = 2_000;
    private static final List<String> SERVICES = List.of("Tally", "Tally", "Tally", "Tally", "Flow", "Flow", "Flow", "Flow", "Flow", "LazyTally");

    @TempDir
    Path dir;

    @Test
    void timesTheListsOverManyStoredInvocations() {
        int size = Integer.parseInt(System.getProperty("lists.bench.size"));
        Path data = Optional.ofNullable(System.getProperty("lists.bench.dir")).map(Path::of).orElse(dir);
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), data, Map.of("sync-mode", "periodic"))) {
            Tables tables = new Tables(store.storage());
            PartitionStateMachine[] machines = new PartitionStateMachine[PARTITIONS];
            for (int p = 0; p < PARTITIONS; p++) {
                machines[p] = new PartitionStateMachine(p, PARTITIONS, tables, new RetryPolicy(Duration.ofSeconds(1), 2, 3, Duration.ofSeconds(10), true));
            }
            long start = Instant.now().minus(Duration.ofHours(12)).toEpochMilli();
            long t0 = System.nanoTime();
            for (int from = 0; from < size; from += BATCH) {
                fill(store, machines, start, from, Math.min(size, from + BATCH));
            }
            System.out.printf("LISTS-BENCH fill %d invocations: %.1f s%n", size, (System.nanoTime() - t0) / 1e9);

            InvocationLists lists = new InvocationLists(store.storage(), PARTITIONS, id -> false, d -> Optional.empty());
            Instant now = Instant.ofEpochMilli(start + size + 1);
            time("first page of 50", () -> lists.page(query(List.of(), List.of())), page -> assertThat(page.rows()).hasSize(50));
            time("Flow failed (none stored)", () -> lists.page(query(List.of("Flow"), List.of("failed"))), page -> assertThat(page.rows()).isEmpty());
            time("LazyTally succeeded", () -> lists.page(query(List.of("LazyTally"), List.of("succeeded"))), page -> assertThat(page.rows()).hasSize(50));
            time("count", () -> lists.count(query(List.of(), List.of())), count -> assertThat(count).isEqualTo((long) size));
            time("summary", () -> lists.summary(now), summary -> assertThat(summary.counts()).hasSize(4));
            time("failures of the last 24 h", () -> lists.failures(now.minus(Duration.ofHours(24)), now, 24), groups -> assertThat(groups).isEmpty());
        }
    }

    /** Invocations {@code from} to {@code to}, each invoked and completed, in one batch. */
    private static void fill(OpenStore store, PartitionStateMachine[] machines, long start, int from, int to) {
        try (Snapshot snapshot = store.storage().snapshot()) {
            Tx tx = new Tx(snapshot);
            for (int i = from; i < to; i++) {
                String service = SERVICES.get(i % SERVICES.size());
                boolean keyed = !service.equals("Flow");
                String key = "k" + (i / 10) % 1000;
                long partitionKey = keyed ? PartitionKeys.of(key) : i * 0x9E3779B97F4A7C15L;
                byte[] id = new InvocationId(partitionKey, i, ~i).toBytes();
                int partition = PartitionKeys.partitionOf(partitionKey, PARTITIONS);
                long now = start + i;
                var target = keyed ? FsmDriver.object(service, key, "add") : FsmDriver.service(service, i % 10 < 7 ? "steps" : "noop");
                machines[partition].apply(Command.newBuilder().setNow(now).setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id))
                        .setTarget(target).setDeployment(FsmDriver.DEPLOYMENT).setInput(ByteString.copyFromUtf8("1"))
                        .setCompletionRetentionMs(86_400_000L).setJournalRetentionMs(86_400_000L)).build(), tx, effect -> { });
                machines[partition].apply(Command.newBuilder().setNow(now).setEnded(AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(id))
                        .setEpoch(1).setEnd(true).addFrames(FsmDriver.frame(OutputCommandMessage.newBuilder()
                                .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8("2"))).build()))).build(), tx, effect -> { });
            }
            store.storage().commit(tx.batch());
        }
    }

    private static InvocationQuery query(List<String> services, List<String> statuses) {
        return new InvocationQuery(List.of(), statuses, services, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50, 100_000);
    }

    private static <T> void time(String what, Supplier<T> call, Consumer<T> check) {
        for (int i = 0; i < 3; i++) {
            check.accept(call.get());
        }
        double[] ms = new double[10];
        T last = null;
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            last = call.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        long scanned = last instanceof RowPage page ? page.scanned() : -1;
        System.out.printf("LISTS-BENCH %-28s median %8.2f ms  min %8.2f ms%s%n", what, (ms[4] + ms[5]) / 2, ms[0],
                scanned >= 0 ? "  scanned " + scanned : "");
    }
}
