package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.PurgeInvocation;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.tables.Tables;

/**
 * Purge: forgets a completed invocation — its status, journal and notifications — or, with {@code journal_only}, only
 * its journal, keeping its result. An invocation that has not completed is refused with a conflict.
 */
final class PurgeHandler implements CommandHandler {
    private final Tables tables;

    PurgeHandler(Tables tables) {
        this.tables = tables;
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
        tables.journal().deleteAll(ctx.tx(), target.id());
        tables.notifications().deleteAll(ctx.tx(), target.id());
        if (purge.getJournalOnly()) {
            tables.status().put(ctx.tx(), target.id(), target.status().get().toBuilder().setJournalLength(0).setModifiedAt(ctx.now()).build());
        } else {
            tables.status().delete(ctx.tx(), target.id());
        }
        ctx.reply(target.reply(Reply.Code.OK, ""));
    }
}
