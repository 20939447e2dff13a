package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Reply;

/** Cleanup: deletes the partition's completed invocations and journals whose retention expired at the command's time. */
final class CleanupHandler implements CommandHandler {
    /** Keeps one cleanup command one transaction of bounded size. */
    static final int MAX_LIMIT = 100_000;

    private final Retention retention;

    CleanupHandler(Retention retention) {
        this.retention = retention;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        int limit = command.getCleanup().getLimit();
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new CommandRejectedException("a cleanup's limit is 1-" + MAX_LIMIT + " entries, this one's " + Integer.toUnsignedString(limit));
        }
        if (retention.cleanUp(ctx, limit)) {
            ctx.reply(Reply.newBuilder().setMoreDue(true).build());
        }
    }
}
