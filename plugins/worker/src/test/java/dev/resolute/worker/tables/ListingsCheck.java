package dev.resolute.worker.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.tables.CompletionCounts.Ending;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that the listings equal a recount of the status table: the creation index holds exactly one entry per
 * stored status (in its partition, at its creation time), and the completion counts count exactly the stored
 * completed statuses by handler and ending, and by hour and ending.
 */
public final class ListingsCheck {
    private ListingsCheck() {
    }

    public static void assertListingsMatchStatuses(Storage storage, Tables tables, int partitions) {
        try (Snapshot snapshot = storage.snapshot()) {
            Reads reads = Reads.of(snapshot);
            List<StatusTable.Row> statuses = new ArrayList<>();
            tables.status().rows(snapshot, List.of(KeyRange.all())).forEachRemaining(statuses::add);
            for (int p = 0; p < partitions; p++) {
                int partition = p;
                List<StatusTable.Row> mine = statuses.stream()
                        .filter(r -> PartitionKeys.partitionOf(InvocationId.fromBytes(r.id()).partitionKey(), partitions) == partition).toList();
                assertThat(tables.created().all(reads, p).stream().map(ListingsCheck::text).toList())
                        .as("the creation index of partition %d", p)
                        .isEqualTo(mine.stream().map(r -> new CreationIndex.Position(r.status().getCreatedAt(), r.id()))
                                .sorted(CreationIndex.Position.OLDEST_FIRST).map(ListingsCheck::text).toList());
                Map<String, Long> byHandler = new TreeMap<>();
                Map<String, Long> byHour = new TreeMap<>();
                for (StatusTable.Row row : mine) {
                    InvocationStatus s = row.status();
                    if (s.getPhase() == Phase.COMPLETED) {
                        Ending ending = Ending.of(s.getOutcome());
                        byHandler.merge(s.getTarget().getService() + "/" + s.getTarget().getHandler() + " " + ending, 1L, Long::sum);
                        byHour.merge(s.getCompletedAt() / CompletionCounts.HOUR_MILLIS * CompletionCounts.HOUR_MILLIS + " " + ending, 1L, Long::sum);
                    }
                }
                Map<String, Long> countedByHandler = new TreeMap<>();
                tables.completionCounts().byHandler(reads, p).forEach(c -> countedByHandler.put(c.service() + "/" + c.handler() + " " + c.ending(), c.count()));
                Map<String, Long> countedByHour = new TreeMap<>();
                tables.completionCounts().byHour(reads, p, 0, Long.MAX_VALUE)
                        .forEach((hour, endings) -> endings.forEach((ending, n) -> countedByHour.put(hour + " " + ending, n)));
                assertThat(countedByHandler).as("completion counts by handler of partition %d", p).isEqualTo(byHandler);
                assertThat(countedByHour).as("completion counts by hour of partition %d", p).isEqualTo(byHour);
            }
        }
    }

    private static String text(CreationIndex.Position position) {
        return position.createdAt() + " " + HexFormat.of().formatHex(position.id());
    }
}
