package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Timer;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.TimersTable;

/** A failed attempt: its reason recorded, then a retry after a backoff, a pause, or the invocation failed, by policy. */
final class Retries {
    private final Tables tables;
    private final RetryPolicy policy;
    private final Completions completions;
    private final TimerArming timers;

    Retries(Tables tables, RetryPolicy policy, Completions completions, TimerArming timers) {
        this.tables = tables;
        this.policy = policy;
        this.completions = completions;
        this.timers = timers;
    }

    /** The failure as {@code last_failure} shows it: {@code [code] message}, then the SDK's stacktrace on the next lines, as restate-server does. */
    static String lastFailure(AttemptFailed failure) {
        String text = "[" + failure.getCode() + "] " + failure.getMessage();
        return failure.getStacktrace().isEmpty() ? text : text + "\n" + failure.getStacktrace();
    }

    /** @param jitter a random fraction in [0, 1) that came with the command */
    void fail(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, AttemptFailed failure, double jitter) {
        status.setRetryCount(status.getRetryCount() + 1).setLastFailure(lastFailure(failure))
                .setLastFailureCommandName(failure.getRelatedCommandName());
        if (failure.hasRelatedCommandIndex()) {
            status.setLastFailureCommandIndex(failure.getRelatedCommandIndex());
        } else {
            status.clearLastFailureCommandIndex();
        }
        if (failure.hasRelatedCommandType()) {
            status.setLastFailureCommandType(failure.getRelatedCommandType());
        } else {
            status.clearLastFailureCommandType();
        }
        RetryPolicy.Decision decision = policy.or(status.getRetry(), status.hasRetry()).decide(status.getAttempts() - status.getAttemptsAtResume(), failure, jitter);
        switch (decision.action()) {
            case RETRY -> {
                long at = ctx.now() + decision.delayMillis();
                tables.status().put(ctx.tx(), id, status.setPhase(Phase.BACKING_OFF).setNextRetryAt(at).build());
                timers.arm(ctx, at, id, TimersTable.Kind.RETRY, status.getEpoch(),
                        Timer.newBuilder().setInvocationId(ByteString.copyFrom(id)).setRetryEpoch(status.getEpoch()).build());
            }
            case PAUSE -> tables.status().put(ctx.tx(), id, status.setPhase(Phase.PAUSED).build());
            case FAIL -> completions.complete(ctx, id, status, Outcome.newBuilder().setFailure(Failure.newBuilder()
                    .setCode(failure.getCode() == 0 ? 500 : failure.getCode()).setMessage(failure.getMessage())).build());
        }
    }
}
