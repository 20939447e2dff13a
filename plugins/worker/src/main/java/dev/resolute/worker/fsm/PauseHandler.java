package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.tables.Tables;

/**
 * Pause: a running or backing-off invocation stops where it is — its running attempt is told to stop (frames it still
 * sends are stale, since only an invoked invocation accepts them), a pending retry waits — until the admin API resumes
 * it. Replies ACCEPTED when it pauses, OK when it was paused already or is suspended (which runs nothing; it stays
 * suspended and wakes up when what it awaits arrives), CONFLICT when it is not running (not started yet, or
 * completed), as Restate 1.7.12 does.
 */
final class PauseHandler implements CommandHandler {
    private final Tables tables;

    PauseHandler(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        ManagedInvocation target = ManagedInvocation.read(tables, ctx, command.getPause().getInvocationId());
        if (target.status().isEmpty()) {
            ctx.reply(target.notFound());
            return;
        }
        InvocationStatus.Builder status = target.status().get().toBuilder();
        switch (status.getPhase()) {
            case COMPLETED, SCHEDULED, INBOXED -> ctx.reply(target.reply(Reply.Code.CONFLICT,
                    "The invocation '" + target.text() + "' is not running, cannot be paused."));
            case PAUSED, SUSPENDED -> ctx.reply(target.reply(Reply.Code.OK, "")); // a suspended one runs nothing: as paused (Restate)
            default -> {
                if (status.getPhase() == Phase.INVOKED) {
                    ctx.emit(new Effect.StopAttempt(target.id(), status.getEpoch(), "the invocation was paused"));
                }
                tables.status().put(ctx.tx(), target.id(), status.setPhase(Phase.PAUSED).clearNextRetryAt().setModifiedAt(ctx.now()).build());
                ctx.reply(target.reply(Reply.Code.ACCEPTED, ""));
            }
        }
    }
}
