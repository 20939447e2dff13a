package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.DURATION;
import static dev.resolute.spi.query.SqlType.TIMESTAMP;
import static dev.resolute.spi.query.SqlType.UINT32;
import static dev.resolute.spi.query.SqlType.UINT32_LIST;
import static dev.resolute.spi.query.SqlType.UINT64;
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
    private static final Set<String> ENDED = Set.of("completed");
    private static final Set<String> ACTIVE = Set.of("pending", "scheduled", "suspended", "paused", "running", "backing-off", "ready");
    /** The view's columns in its order: the status details, then the retry state, then the derived status and the completion. */
    private static final Columns COLUMNS = Columns.of("id", UTF8, "vqueue_id", UTF8, "target", UTF8, "target_service_name", UTF8,
            "target_service_key", UTF8, "target_handler_name", UTF8, "target_service_ty", UTF8, "scope", UTF8, "limit_key", UTF8,
            "idempotency_key", UTF8, "invoked_by", UTF8, "invoked_by_service_name", UTF8, "invoked_by_id", UTF8,
            "invoked_by_subscription_id", UTF8, "invoked_by_target", UTF8, "restarted_from", UTF8, "pinned_deployment_id", UTF8,
            "pinned_service_protocol_version", UINT32, "trace_id", UTF8, "journal_size", UINT32, "journal_commands_size", UINT32,
            "created_at", TIMESTAMP, "created_using_restate_version", UTF8, "modified_at", TIMESTAMP, "inboxed_at", TIMESTAMP,
            "scheduled_at", TIMESTAMP, "scheduled_start_at", TIMESTAMP, "running_at", TIMESTAMP, "completed_at", TIMESTAMP,
            "completion_retention", DURATION, "journal_retention", DURATION, "suspended_waiting_for_completions", UINT32_LIST,
            "suspended_waiting_for_signals", UINT32_LIST, "suspended_waiting_future_json", UTF8,
            "retry_count", UINT64, "last_start_at", TIMESTAMP, "next_retry_at", TIMESTAMP, "last_attempt_deployment_id", UTF8,
            "last_attempt_server", UTF8, "last_failure", UTF8, "last_failure_error_code", UTF8, "last_failure_related_entry_index", UINT64,
            "last_failure_related_entry_name", UTF8, "last_failure_related_entry_type", UTF8, "last_failure_related_command_index", UINT64,
            "last_failure_related_command_name", UTF8, "last_failure_related_command_type", UTF8, "last_awaiting_on_future_json", UTF8,
            "status", UTF8, "completion_result", UTF8, "completion_failure", UTF8);

    InvocationTable(EngineData data) {
        super(data, "sys_invocation", COLUMNS);
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        Reads reads = Reads.of(snapshot);
        boolean activeOnly = filter.restrictedTo("status", ACTIVE, ENDED);
        return Lazy.map(Statuses.read(data.tables(), snapshot, filter, null, activeOnly), stored -> {
            Columns.Row row = row();
            InvocationStatus status = stored.status();
            StatusColumns.fill(row, stored.id(), status, id -> data.tables().status().get(reads, id));
            boolean inFlight = false;
            if (RetryColumns.hasState(status.getPhase())) {
                inFlight = data.inFlight().test(stored.id());
                RetryColumns.fill(row, stored.id(), status, inFlight, data.sdkOf());
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
