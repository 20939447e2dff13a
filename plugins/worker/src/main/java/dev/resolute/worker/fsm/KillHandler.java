package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.tables.Tables;

/**
 * Kill (the admin API, or propagated from a killed caller): ends the invocation at once without its SDK, with 409
 * "killed": its attempt is stopped, its lock (or its place in the inbox) freed, its caller and waiters answered, and
 * the callees it waits for killed likewise.
 */
final class KillHandler implements CommandHandler {
    private final Tables tables;
    private final Terminations terminations;

    KillHandler(Tables tables, Terminations terminations) {
        this.tables = tables;
        this.terminations = terminations;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        ManageInvocation kill = command.getKill();
        ManagedInvocation target = ManagedInvocation.read(tables, ctx, kill.getInvocationId());
        ManagedInvocation.acknowledge(ctx, kill);
        if (target.status().isEmpty()) {
            ctx.reply(target.notFound());
        } else if (target.status().get().getPhase() == Phase.COMPLETED) {
            ctx.reply(target.alreadyCompleted());
        } else {
            terminations.propagate(ctx, target.id(), true);
            terminations.end(ctx, target.id(), target.status().get().toBuilder(), Terminations.KILLED);
            ctx.reply(target.reply(Reply.Code.OK, ""));
        }
    }
}
