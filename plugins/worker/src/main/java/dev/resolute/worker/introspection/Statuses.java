package dev.resolute.worker.introspection;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.StatusTable;
import dev.resolute.worker.tables.Tables;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The stored statuses a scan of an invocation table reads: the listed ids one by one; else the partition keys'
 * ranges (from {@code partition_key} and {@code target_service_key}); and through the index of non-completed
 * invocations when only those can match.
 */
final class Statuses {
    private Statuses() {
    }

    /**
     * @param partitionKeyColumn the table's partition key column, or null if it has none
     * @param activeOnly         whether only non-completed invocations can match (their index is read instead)
     */
    static Iterator<StatusTable.Row> read(Tables tables, Snapshot snapshot, Pushdown filter, String partitionKeyColumn, boolean activeOnly) {
        Reads reads = Reads.of(snapshot);
        Optional<List<byte[]>> ids = filter.invocationIds("id");
        if (ids.isPresent()) {
            return Lazy.map(ids.get().iterator(), id -> tables.status().get(reads, id).map(s -> new StatusTable.Row(id, s)).orElse(null));
        }
        List<KeyRange> ranges = filter.partitionRanges(partitionKeyColumn, "target_service_key");
        if (activeOnly) {
            return Lazy.map(tables.active().ids(snapshot, ranges),
                    id -> tables.status().get(reads, id).map(s -> new StatusTable.Row(id, s)).orElse(null));
        }
        return tables.status().rows(snapshot, ranges);
    }
}
