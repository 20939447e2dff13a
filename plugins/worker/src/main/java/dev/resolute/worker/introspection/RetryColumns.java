package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.BOOLEAN;
import static dev.resolute.spi.query.SqlType.TIMESTAMP;
import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.protocol.MessageType;
import java.util.Optional;
import java.util.function.Function;

/**
 * The columns of {@code sys_invocation_state} (reference §5): an invocation's attempts and their last failure. Restate
 * keeps them in the invoker's memory for the invocations it runs or retries; here they come from the stored status
 * (which keeps the retry count and the last failure) and from the invoker, which knows which attempts run now.
 */
final class RetryColumns {
    /** {@code sys_invocation_state}'s columns after {@code partition_key}, {@code id} and {@code in_flight}. */
    static final Columns RETRY = Columns.of("retry_count", UINT64, "last_start_at", TIMESTAMP,
            "last_attempt_deployment_id", UTF8, "last_attempt_server", UTF8, "next_retry_at", TIMESTAMP,
            "last_failure", UTF8, "last_failure_error_code", UTF8, "last_failure_related_command_index", UINT64,
            "last_failure_related_command_name", UTF8, "last_failure_related_command_type", UTF8,
            "last_failure_related_entry_index", UINT64, "last_failure_related_entry_name", UTF8,
            "last_failure_related_entry_type", UTF8, "last_awaiting_on_future_json", UTF8);
    static final Columns HEAD = Columns.of("partition_key", UINT64, "id", UTF8, "in_flight", BOOLEAN);

    private RetryColumns() {
    }

    /**
     * Whether the invocation has invoker state: it runs, waits to run or to retry, or was paused after failing (the
     * last failure says why). Scheduled, inboxed, suspended and completed invocations have none.
     */
    static boolean hasState(Phase phase) {
        return phase == Phase.INVOKED || phase == Phase.BACKING_OFF || phase == Phase.PAUSED;
    }

    /**
     * Fills the retry columns the row has (and {@code partition_key}, {@code id}, {@code in_flight} if it has them);
     * {@code last_attempt_server} is the SDK the last attempt's deployment introduced itself as, when it did.
     */
    static void fill(Columns.Row row, byte[] id, InvocationStatus status, boolean inFlight, Function<String, Optional<String>> sdkOf) {
        String lastDeployment = status.getAttempts() > 0 ? Values.text(status.getDeployment().getId()) : null;
        row.setIfPresent("partition_key", Values.partitionKey(id))
                .setIfPresent("id", Values.id(id))
                .setIfPresent("in_flight", inFlight)
                .set("retry_count", (long) status.getRetryCount())
                .set("last_start_at", Values.timestamp(status.getLastStartAt()))
                .set("last_attempt_deployment_id", lastDeployment)
                .set("last_attempt_server", lastDeployment == null ? null : sdkOf.apply(lastDeployment).orElse(null))
                .set("next_retry_at", status.getPhase() == Phase.BACKING_OFF ? Values.timestamp(status.getNextRetryAt()) : null);
        if (!status.getLastFailure().isEmpty()) {
            row.set("last_failure", status.getLastFailure())
                    .set("last_failure_related_command_name", Values.text(status.getLastFailureCommandName()));
            if (status.hasLastFailureCommandIndex()) {
                row.set("last_failure_related_command_index", Integer.toUnsignedLong(status.getLastFailureCommandIndex()));
            }
            if (status.hasLastFailureCommandType()) {
                row.set("last_failure_related_command_type", commandType(status.getLastFailureCommandType()).orElse(null));
            }
        }
    }

    /**
     * The related command's type as Restate's invoker reports it: the V1 entry type name of the commonly failing
     * commands (its state handle still speaks V1 types), nothing for the others.
     */
    static Optional<String> commandType(int messageType) {
        return MessageType.of(messageType).map(type -> switch (type) {
            case RUN_COMMAND -> "Run";
            case CALL_COMMAND -> "Call";
            case ONE_WAY_CALL_COMMAND -> "OneWayCall";
            case COMPLETE_AWAKEABLE_COMMAND -> "CompleteAwakeable";
            case SET_STATE_COMMAND -> "SetState";
            case GET_LAZY_STATE_COMMAND, GET_EAGER_STATE_COMMAND -> "GetState";
            case GET_LAZY_STATE_KEYS_COMMAND, GET_EAGER_STATE_KEYS_COMMAND -> "GetStateKeys";
            default -> null;
        });
    }
}
