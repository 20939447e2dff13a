package dev.resolute.worker.introspection;

import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.tables.CompletionCounts;

/**
 * The status a user sees ({@link dev.resolute.spi.browse.InvocationQuery#STATUSES}): {@code sys_invocation.status}
 * with {@code completed} split by how it ended, as Restate's UI splits it (reference web-ui §1.4,
 * {@link CompletionCounts.Ending}).
 */
public final class UiStatus {
    private UiStatus() {
    }

    /** @param inFlight whether an attempt of the invocation runs now (an invoked one is then {@code running}) */
    public static String of(InvocationStatus status, boolean inFlight) {
        return status.getPhase() == Phase.COMPLETED ? CompletionCounts.Ending.of(status.getOutcome()).status()
                : InvocationRows.derivedStatus(status, inFlight);
    }
}
