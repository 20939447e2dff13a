package dev.resolute.worker.introspection;

import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.tables.Reads;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code sys_invocation}: Restate's view joining {@code sys_invocation_status} and {@code sys_invocation_state},
 * computed directly from each status ({@link InvocationRows}). Pushed down: {@code id}, {@code target_service_key},
 * and a {@code status} that excludes {@code completed}.
 */
final class InvocationTable extends EngineTable {
    private static final Set<String> ENDED = Set.of("completed");
    private static final Set<String> ACTIVE = Set.of("pending", "scheduled", "suspended", "paused", "running", "backing-off", "ready");

    private final InvocationRows rows;

    InvocationTable(EngineData data) {
        super(data, "sys_invocation", InvocationRows.COLUMNS);
        this.rows = new InvocationRows(data.inFlight(), data.sdkOf());
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        Reads reads = Reads.of(snapshot);
        boolean activeOnly = filter.restrictedTo("status", ACTIVE, ENDED);
        return Lazy.map(Statuses.read(data.tables(), snapshot, filter, null, activeOnly),
                stored -> rows.row(stored.id(), stored.status(), id -> data.tables().status().get(reads, id)));
    }
}
