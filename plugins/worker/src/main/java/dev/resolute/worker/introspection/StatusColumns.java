package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.DURATION;
import static dev.resolute.spi.query.SqlType.TIMESTAMP;
import static dev.resolute.spi.query.SqlType.UINT32;
import static dev.resolute.spi.query.SqlType.UINT32_LIST;
import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Target;
import java.util.Optional;
import java.util.function.Function;

/**
 * The columns of {@code sys_invocation_status} (reference §5) and how a stored status fills them; shared with
 * {@code sys_invocation}, which has them all but {@code partition_key} and the raw {@code status}.
 */
final class StatusColumns {
    /** Before {@link #DETAILS}: the key and the raw status. */
    static final Columns HEAD = Columns.of("partition_key", UINT64, "id", UTF8, "vqueue_id", UTF8, "status", UTF8,
            "completion_result", UTF8, "completion_failure", UTF8);
    /** The columns after the completion ones, in Restate's order. */
    static final Columns DETAILS = Columns.of(
            "target", UTF8, "target_service_name", UTF8, "target_service_key", UTF8, "target_handler_name", UTF8,
            "target_service_ty", UTF8, "scope", UTF8, "limit_key", UTF8, "idempotency_key", UTF8, "invoked_by", UTF8,
            "invoked_by_id", UTF8, "invoked_by_subscription_id", UTF8, "invoked_by_service_name", UTF8,
            "invoked_by_target", UTF8, "restarted_from", UTF8, "pinned_deployment_id", UTF8,
            "pinned_service_protocol_version", UINT32, "trace_id", UTF8, "journal_size", UINT32,
            "journal_commands_size", UINT32, "created_at", TIMESTAMP, "created_using_restate_version", UTF8,
            "modified_at", TIMESTAMP, "inboxed_at", TIMESTAMP, "scheduled_at", TIMESTAMP, "scheduled_start_at", TIMESTAMP,
            "running_at", TIMESTAMP, "completed_at", TIMESTAMP, "completion_retention", DURATION,
            "journal_retention", DURATION, "suspended_waiting_for_completions", UINT32_LIST,
            "suspended_waiting_for_signals", UINT32_LIST, "suspended_waiting_future_json", UTF8);

    private StatusColumns() {
    }

    /** Restate's raw status: a backing-off invocation is {@code invoked} (its retry state tells it apart). */
    static String status(Phase phase) {
        return switch (phase) {
            case SCHEDULED -> "scheduled";
            case INBOXED -> "inboxed";
            case SUSPENDED -> "suspended";
            case PAUSED -> "paused";
            case COMPLETED -> "completed";
            default -> "invoked";
        };
    }

    /**
     * Fills the status columns the row has.
     *
     * @param statusOf another invocation's status (a caller's, for {@code invoked_by_target}), if stored
     */
    static void fill(Columns.Row row, byte[] id, InvocationStatus status, Function<byte[], Optional<InvocationStatus>> statusOf) {
        Target target = status.getTarget();
        Phase phase = status.getPhase();
        row.setIfPresent("partition_key", Values.partitionKey(id))
                .set("id", Values.id(id))
                .setIfPresent("status", status(phase))
                .set("target", Values.target(target))
                .set("target_service_name", target.getService())
                .set("target_service_key", Values.keyed(target) ? target.getKey() : null)
                .set("target_handler_name", target.getHandler())
                .set("target_service_ty", Values.serviceType(target.getServiceKind()))
                .set("idempotency_key", Values.text(status.getIdempotencyKey()))
                .set("created_at", Values.timestamp(status.getCreatedAt()))
                .set("modified_at", Values.timestamp(status.getModifiedAt()))
                .set("inboxed_at", Values.timestamp(status.getInboxedAt()))
                .set("running_at", Values.timestamp(status.getRunningAt()));
        if (status.getExecutionTime() > status.getCreatedAt()) { // only an invocation created with a delay was scheduled
            row.set("scheduled_at", Values.timestamp(status.getCreatedAt())).set("scheduled_start_at", Values.timestamp(status.getExecutionTime()));
        }
        invokedBy(row, status, statusOf);
        if (status.getAttempts() > 0) { // Restate pins the deployment once an attempt has run
            row.set("pinned_deployment_id", Values.text(status.getDeployment().getId()))
                    .set("pinned_service_protocol_version", (long) status.getDeployment().getProtocolVersion());
        }
        if (phase != Phase.SCHEDULED && phase != Phase.INBOXED) { // its journal is the Input alone until it runs
            row.set("journal_size", (long) status.getJournalLength()).set("journal_commands_size", (long) status.getCommandCount());
        }
        if (status.hasCompletionRetentionMs()) {
            row.set("completion_retention", Values.millis(status.getCompletionRetentionMs()));
        }
        if (status.hasJournalRetentionMs()) {
            row.set("journal_retention", Values.millis(status.getJournalRetentionMs()));
        }
        if (phase == Phase.SUSPENDED) {
            row.set("suspended_waiting_for_completions", status.getAwaiting().getCompletionsList().stream().map(Integer::toUnsignedLong).toList())
                    .set("suspended_waiting_for_signals", status.getAwaiting().getSignalsList().stream().map(Integer::toUnsignedLong).toList());
        }
        if (phase == Phase.COMPLETED) {
            row.set("completed_at", Values.timestamp(status.getCompletedAt()));
            if (status.getOutcome().hasFailure()) {
                row.set("completion_result", "failure")
                        .set("completion_failure", Values.failure(status.getOutcome().getFailure().getCode(), status.getOutcome().getFailure().getMessage()));
            } else {
                row.set("completion_result", "success");
            }
        }
    }

    private static void invokedBy(Columns.Row row, InvocationStatus status, Function<byte[], Optional<InvocationStatus>> statusOf) {
        byte[] by = status.hasCaller() ? status.getCaller().getInvocationId().toByteArray() : status.getSender().toByteArray();
        if (by.length > 0) {
            Optional<Target> caller = statusOf.apply(by).map(InvocationStatus::getTarget);
            row.set("invoked_by", "service").set("invoked_by_id", Values.id(by))
                    .set("invoked_by_service_name", caller.map(Target::getService).orElse(null))
                    .set("invoked_by_target", caller.map(Values::target).orElse(null));
        } else if (!status.getRestartedFrom().isEmpty()) {
            row.set("invoked_by", "restart_as_new").set("restarted_from", Values.id(status.getRestartedFrom().toByteArray()));
        } else {
            row.set("invoked_by", "ingress");
        }
    }
}
