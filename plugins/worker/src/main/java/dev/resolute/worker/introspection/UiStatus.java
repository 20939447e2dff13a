package dev.resolute.worker.introspection;

import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import java.util.Locale;

/**
 * The status a user sees ({@link dev.resolute.spi.browse.InvocationQuery#STATUSES}): {@code sys_invocation.status}
 * with {@code completed} split by outcome as Restate's UI splits it (reference web-ui §1.4): a 409 "killed" is
 * {@code killed}, a 409 "canceled" or "cancelled" {@code cancelled}, any other failure {@code failed}.
 */
public final class UiStatus {
    private UiStatus() {
    }

    /** @param inFlight whether an attempt of the invocation runs now (an invoked one is then {@code running}) */
    public static String of(InvocationStatus status, boolean inFlight) {
        if (status.getPhase() != Phase.COMPLETED) {
            return InvocationTable.derivedStatus(status, inFlight);
        }
        if (!status.getOutcome().hasFailure()) {
            return "succeeded";
        }
        Failure failure = status.getOutcome().getFailure();
        String message = failure.getMessage().toLowerCase(Locale.ROOT);
        if (failure.getCode() == 409 && message.equals("killed")) {
            return "killed";
        }
        return failure.getCode() == 409 && (message.equals("canceled") || message.equals("cancelled")) ? "cancelled" : "failed";
    }
}
