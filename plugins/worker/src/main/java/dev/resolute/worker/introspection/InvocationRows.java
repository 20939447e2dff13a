package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.DURATION;
import static dev.resolute.spi.query.SqlType.TIMESTAMP;
import static dev.resolute.spi.query.SqlType.UINT32;
import static dev.resolute.spi.query.SqlType.UINT32_LIST;
import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.spi.query.TableColumn;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rows of {@code sys_invocation} (Restate's view joining {@code sys_invocation_status} and
 * {@code sys_invocation_state}), computed from a stored status with the view's derived {@code status}: what the SQL
 * table and the web UI's invocation lists both show.
 */
public final class InvocationRows {
    /** The view's columns in its order: the status details, then the retry state, then the derived status and the completion. */
    static final Columns COLUMNS = Columns.of("id", UTF8, "vqueue_id", UTF8, "target", UTF8, "target_service_name", UTF8,
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

    private final Predicate<byte[]> inFlight;
    private final Function<String, Optional<String>> sdkOf;

    /**
     * @param inFlight whether an attempt of an invocation (its 24-byte id) runs now
     * @param sdkOf    the SDK a deployment (by id) introduced itself as, for {@code last_attempt_server}
     */
    public InvocationRows(Predicate<byte[]> inFlight, Function<String, Optional<String>> sdkOf) {
        this.inFlight = inFlight;
        this.sdkOf = sdkOf;
    }

    /** The view's columns, in order. */
    public static List<TableColumn> columns() {
        return COLUMNS.list();
    }

    /** Where {@code column} is in a row. */
    public static int indexOf(String column) {
        List<TableColumn> columns = COLUMNS.list();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + column + " in sys_invocation");
    }

    /**
     * One row of the view.
     *
     * @param statusOf another invocation's status (a caller's, for {@code invoked_by_target}), if stored
     */
    public Object[] row(byte[] id, InvocationStatus status, Function<byte[], Optional<InvocationStatus>> statusOf) {
        Columns.Row row = COLUMNS.row();
        StatusColumns.fill(row, id, status, statusOf);
        boolean running = inFlight(id, status);
        if (RetryColumns.hasState(status.getPhase())) {
            RetryColumns.fill(row, id, status, running, sdkOf);
        }
        row.set("status", derivedStatus(status, running));
        return row.values();
    }

    /** The view's status of a stored invocation. */
    public String status(byte[] id, InvocationStatus status) {
        return derivedStatus(status, inFlight(id, status));
    }

    /** Only an invocation with invoker state can have an attempt running; the others are not asked about. */
    private boolean inFlight(byte[] id, InvocationStatus status) {
        return RetryColumns.hasState(status.getPhase()) && inFlight.test(id);
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
