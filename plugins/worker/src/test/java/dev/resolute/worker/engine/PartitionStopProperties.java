package dev.resolute.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.spi.storage.StorageException;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.fsm.PartitionStateMachine;
import dev.resolute.worker.fsm.RetryPolicy;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.log.LocalCommandLog;
import dev.resolute.worker.log.Applied;
import dev.resolute.worker.log.AppliedBatch;
import dev.resolute.worker.log.LogApplier;
import dev.resolute.worker.log.PartitionStoppedException;
import dev.resolute.worker.tables.Table;
import dev.resolute.worker.tables.Tables;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * A storage read that fails while a partition applies commands stops the partition: no command of
 * the batch is committed (not even the ones applied before the failure), none is "rejected" while
 * the others go through, every later proposal fails, and the failure is reported — because under
 * replication a replica whose disk failed must not decide differently from one whose disk did not.
 */
class PartitionStopProperties {
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofMillis(10), 2.0, 10, Duration.ofMillis(100), false);
    private static final List<String> KEYS = List.of("a", "b", "c", "d");

    @Property(tries = 40)
    @StatisticsReport(onFailureOnly = true)
    void aFailedReadStopsThePartitionAndCommitsNothingOfItsBatch(@ForAll @IntRange(min = 1, max = 12) int goodCommands,
                                                                  @ForAll @IntRange(min = 1, max = 12) int failingBatch,
                                                                  @ForAll @IntRange(min = 1, max = 40) int failAtRead) throws Exception {
        Path dir = Files.createTempDirectory("partition-stop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of())) {
            FailingStorage storage = new FailingStorage(store.storage());
            Tables tables = new Tables(storage);
            List<Throwable> reported = new CopyOnWriteArrayList<>();
            PartitionRunner runner = new PartitionRunner(0, storage, tables, new PartitionStateMachine(0, 1, tables, RETRY), effect -> { }, () -> true,
                    CommitWatch.NONE);
            LocalCommandLog healthy = new LocalCommandLog(1, p -> runner, (partition, cause) -> reported.add(cause));
            healthy.start();
            int seq = 0;
            for (int i = 0; i < goodCommands; i++) {
                healthy.propose(0, invoke(seq++)).get(10, TimeUnit.SECONDS);
            }
            healthy.stop();
            long appliedBefore = runner.appliedIndex();
            Map<String, String> before = dump(store.storage(), tables);

            // the next batch: all its commands queued before the writer starts, so they are applied together
            LogApplier sameRunner = new LogApplier() {
                @Override
                public long appliedIndex() {
                    return appliedBefore;
                }

                @Override
                public AppliedBatch apply(long firstIndex, List<Command> commands) {
                    return runner.apply(firstIndex, commands);
                }
            };
            LocalCommandLog log = new LocalCommandLog(1, p -> sameRunner, (partition, cause) -> reported.add(cause));
            List<CompletableFuture<Applied>> proposed = new ArrayList<>();
            for (int i = 0; i < failingBatch; i++) {
                proposed.add(log.propose(0, invoke(seq++)));
            }
            storage.failFromRead(failAtRead);
            log.start();
            try {
                int applied = 0;
                for (CompletableFuture<Applied> future : proposed) {
                    try {
                        future.get(10, TimeUnit.SECONDS);
                        applied++;
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(PartitionStoppedException.class).hasRootCauseInstanceOf(StorageException.class);
                    }
                }
                storage.failFromRead(Long.MAX_VALUE / 2); // reads for the checks below
                Statistics.collect(applied == failingBatch ? "batch applied" : "partition stopped");
                Statistics.coverage(coverage -> coverage.check("partition stopped").percentage(p -> p >= 20));
                if (applied == failingBatch) { // the batch needed fewer reads than failAtRead: nothing failed
                    assertThat(reported).isEmpty();
                    assertThat(runner.appliedIndex()).isEqualTo(appliedBefore + failingBatch);
                    return;
                }
                assertThat(applied).as("no command of the failed batch is applied while others are rejected").isZero();
                assertThat(dump(store.storage(), tables)).as("nothing of the failed batch is committed").isEqualTo(before);
                assertThat(runner.appliedIndex()).isEqualTo(appliedBefore);
                assertThat(reported).hasSize(1);
                assertThat(reported.get(0)).isInstanceOf(StorageException.class).hasMessageContaining("injected read failure");
                assertThatThrownBy(() -> log.propose(0, invoke(1000)).get(10, TimeUnit.SECONDS))
                        .as("the partition stays stopped").hasCauseInstanceOf(PartitionStoppedException.class);
            } finally {
                log.stop();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Command invoke(int seq) {
        String key = KEYS.get(seq % KEYS.size());
        byte[] id = ByteBuffer.allocate(24).putLong(PartitionKeys.of(key)).putLong(seq).putLong(~seq).array();
        return Command.newBuilder().setNow(1_000 + seq).setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id))
                .setTarget(Target.newBuilder().setService("Counter").setHandler("add").setKey(key)
                        .setServiceKind(ServiceKind.VIRTUAL_OBJECT).setHandlerKind(HandlerKind.EXCLUSIVE))
                .setDeployment(Deployment.newBuilder().setId("dp").setProtocolVersion(6))).build();
    }

    /** Every table the engine writes, as keyspace/hex key → hex value. */
    private static Map<String, String> dump(Storage storage, Tables tables) {
        Map<String, String> out = new TreeMap<>();
        HexFormat hex = HexFormat.of();
        try (Snapshot snapshot = storage.snapshot()) {
            for (Table table : tables.all()) {
                try (KeyValueIterator it = snapshot.scan(table.keyspace(), KeyRange.all())) {
                    while (it.hasNext()) {
                        KeyValue kv = it.next();
                        out.put(table.keyspace() + "/" + hex.formatHex(kv.key()), hex.formatHex(kv.value()));
                    }
                }
            }
        }
        return out;
    }
}
