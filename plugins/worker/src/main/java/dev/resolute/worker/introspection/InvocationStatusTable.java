package dev.resolute.worker.introspection;

import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.tables.Reads;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code sys_invocation_status}: one row per stored invocation. Pushed down: {@code id}, {@code partition_key},
 * {@code target_service_key}, and a {@code status} that excludes {@code completed} (read through the active index).
 */
final class InvocationStatusTable extends EngineTable {
    private static final Set<String> ENDED = Set.of("completed");
    private static final Set<String> ACTIVE = Set.of("inboxed", "scheduled", "invoked", "suspended", "paused");

    InvocationStatusTable(EngineData data) {
        super(data, "sys_invocation_status", StatusColumns.HEAD.and(StatusColumns.DETAILS));
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        Reads reads = Reads.of(snapshot);
        boolean activeOnly = filter.restrictedTo("status", ACTIVE, ENDED);
        return Lazy.map(Statuses.read(data.tables(), snapshot, filter, "partition_key", activeOnly), stored -> {
            Columns.Row row = row();
            StatusColumns.fill(row, stored.id(), stored.status(), id -> data.tables().status().get(reads, id));
            return row.values();
        });
    }
}
