package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.PurgeInvocation;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.tables.Tables;

/**
 * Purge: forgets a completed invocation — its status, journal and notifications, and for a workflow's run the
 * workflow's state and promises — or, with {@code journal_only}, only its journal, keeping its result. An invocation that has not completed is refused with a conflict.
 */
final class PurgeHandler implements CommandHandler {
    private final Tables tables;
    private final Purges purges;

    PurgeHandler(Tables tables, Purges purges) {
        this.tables = tables;
        this.purges = purges;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        PurgeInvocation purge = command.getPurge();
        ManagedInvocation target = ManagedInvocation.read(tables, ctx, purge.getInvocationId());
        if (target.status().isEmpty()) {
            ctx.reply(target.notFound());
            return;
        }
        if (target.status().get().getPhase() != Phase.COMPLETED) {
            ctx.reply(target.reply(Reply.Code.CONFLICT, "The invocation '" + target.text() + "' is not yet completed."));
            return;
        }
        if (purge.getJournalOnly()) {
            purges.journal(ctx, target.id(), target.status().get());
        } else {
            purges.invocation(ctx, target.id(), target.status().get());
        }
        ctx.reply(target.reply(Reply.Code.OK, ""));
    }
}
