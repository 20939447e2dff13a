package dev.resolute.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.storage.Snapshot;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.Timer;
import dev.resolute.worker.fsm.Replies;
import dev.resolute.worker.log.Applied;
import dev.resolute.worker.log.CommandLog;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.TimersTable;
import dev.resolute.worker.tables.Tx;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Timers come from the {@code timers} table in due order, however many are stored, while memory holds
 * at most the configured number of each partition's next due timers.
 */
class TimersProperties {

    @Property(tries = 30)
    void storedTimersFireOnceEachInDueOrderWithBoundedMemory(
            @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 100_000) Integer> wakeOffsets,
            @ForAll @IntRange(min = 1, max = 40) int inMemory) throws Exception {
        Path dir = Files.createTempDirectory("timers");
        int partitionCount = 3;
        long past = System.currentTimeMillis() - 1_000_000; // all due: the firing order is the due order alone
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of())) {
            Tables tables = new Tables(store.storage());
            Set<String> stored = new HashSet<>();
            Tx tx;
            try (Snapshot snapshot = store.storage().snapshot()) {
                tx = new Tx(snapshot);
                for (int i = 0; i < wakeOffsets.size(); i++) {
                    byte[] key = tables.timers().put(tx, i % partitionCount, past + wakeOffsets.get(i), id(i), TimersTable.Kind.SLEEP, i,
                            Timer.getDefaultInstance());
                    stored.add(HexFormat.of().formatHex(key));
                }
            }
            store.storage().commit(tx.batch());

            List<byte[]> fired = new CopyOnWriteArrayList<>();
            CommandLog recording = (partition, command) -> {
                fired.add(command.getTimer().getTimerKey().toByteArray());
                return CompletableFuture.completedFuture(new Applied(0, Replies.OK));
            };
            Timers timers = new Timers(store.storage(), tables, new Partitions(recording, partitionCount), inMemory);
            timers.start();
            int maxHeld = 0;
            long deadline = System.currentTimeMillis() + 10_000;
            while (fired.size() < wakeOffsets.size() && System.currentTimeMillis() < deadline) {
                maxHeld = Math.max(maxHeld, timers.heldInMemory());
                Thread.sleep(1);
            }
            timers.stop();

            assertThat(fired).hasSize(wakeOffsets.size());
            Set<String> firedSet = new HashSet<>();
            fired.forEach(k -> firedSet.add(HexFormat.of().formatHex(k)));
            assertThat(firedSet).as("each stored timer fires once").isEqualTo(stored);
            List<Long> wakes = new ArrayList<>();
            fired.forEach(k -> wakes.add(TimersTable.wakeOf(k)));
            assertThat(wakes).as("in due order").isSortedAccordingTo(Comparator.naturalOrder());
            assertThat(maxHeld).isLessThanOrEqualTo(inMemory * partitionCount);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static byte[] id(int i) {
        return ByteBuffer.allocate(24).putLong(i * 31L).putLong(i).putLong(~i).array();
    }
}
