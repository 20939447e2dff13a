package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.tables.Reads;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code sys_invocation}: Restate's view joining {@code sys_invocation_status} and {@code sys_invocation_state},
 * computed directly from each status with the view's derived {@code status}. Pushed down: {@code id},
 * {@code target_service_key}, and a {@code status} that excludes {@code completed}.
 */
final class InvocationTable extends EngineTable {
    private static final Set<String> ACTIVE = Set.of("pending", "scheduled", "suspended", "paused", "running", "backing-off", "ready");
    /** The view's columns: the status details, then the retry state, then the derived status and the completion. */
    private static final Columns COLUMNS = Columns.of("id", UTF8, "vqueue_id", UTF8)
            .and(StatusColumns.DETAILS)
            .and(RetryColumns.RETRY)
            .and(Columns.of("status", UTF8, "completion_result", UTF8, "completion_failure", UTF8));

    InvocationTable(EngineData data) {
        super(data, "sys_invocation", COLUMNS);
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        Reads reads = Reads.of(snapshot);
        boolean activeOnly = filter.texts("status").map(ACTIVE::containsAll).orElse(false);
        return Lazy.map(Statuses.read(data.tables(), snapshot, filter, null, activeOnly), stored -> {
            Columns.Row row = row();
            InvocationStatus status = stored.status();
            StatusColumns.fill(row, stored.id(), status, id -> data.tables().status().get(reads, id));
            boolean inFlight = false;
            if (RetryColumns.hasState(status.getPhase())) {
                inFlight = data.inFlight().test(stored.id());
                RetryColumns.fill(row, stored.id(), status, inFlight);
            }
            row.set("status", derivedStatus(status, inFlight));
            return row.values();
        });
    }

    /** The view's status: the stored one, or for an invoked invocation whether it runs, waits to retry or waits to run. */
    static String derivedStatus(InvocationStatus status, boolean inFlight) {
        Phase phase = status.getPhase();
        return switch (phase) {
            case INBOXED -> "pending";
            case SCHEDULED, SUSPENDED, PAUSED, COMPLETED -> StatusColumns.status(phase);
            default -> inFlight ? "running" : status.getRetryCount() > 0 ? "backing-off" : "ready";
        };
    }
}
