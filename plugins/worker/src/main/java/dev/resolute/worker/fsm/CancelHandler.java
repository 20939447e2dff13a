package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.tables.Tables;

/**
 * Cancel (the admin API, or propagated from a cancelled caller): an invocation that has not started (inboxed or
 * scheduled) ends at once with 409 "canceled" and frees its place in the inbox; a started one gets the cancel signal
 * in its journal (resumed if suspended or paused) so its SDK ends it, and the callees it waits for are cancelled too.
 * Replies OK when it ended, ACCEPTED when the signal was appended.
 */
final class CancelHandler implements CommandHandler {
    private final Tables tables;
    private final Terminations terminations;

    CancelHandler(Tables tables, Terminations terminations) {
        this.tables = tables;
        this.terminations = terminations;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        ManageInvocation cancel = command.getCancel();
        ManagedInvocation target = ManagedInvocation.read(tables, ctx, cancel.getInvocationId());
        ManagedInvocation.acknowledge(ctx, cancel);
        if (target.status().isEmpty()) {
            ctx.reply(target.notFound());
            return;
        }
        InvocationStatus.Builder status = target.status().get().toBuilder();
        if (status.getPhase() == Phase.COMPLETED) {
            ctx.reply(target.alreadyCompleted());
        } else {
            ctx.reply(target.reply(terminations.cancel(ctx, target.id(), status) ? Reply.Code.OK : Reply.Code.ACCEPTED, ""));
        }
    }
}
