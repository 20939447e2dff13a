package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.ResumeInvocation;
import dev.resolute.worker.tables.Tables;

/**
 * Resume: a paused, suspended or backing-off invocation runs a new attempt now, on its pinned deployment or the one
 * the command names, with a fresh retry budget (the retry policy counts attempts from here, while the total keeps
 * counting). A running invocation is left as it is.
 */
final class ResumeHandler implements CommandHandler {
    private final Tables tables;
    private final Starts starts;

    ResumeHandler(Tables tables, Starts starts) {
        this.tables = tables;
        this.starts = starts;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        ResumeInvocation resume = command.getResume();
        ManagedInvocation target = ManagedInvocation.read(tables, ctx, resume.getInvocationId());
        if (target.status().isEmpty()) {
            ctx.reply(target.notFound());
            return;
        }
        InvocationStatus.Builder status = target.status().get().toBuilder();
        switch (status.getPhase()) {
            case COMPLETED -> ctx.reply(target.reply(Reply.Code.CONFLICT, "The invocation '" + target.text() + "' is completed, cannot be resumed."));
            case SCHEDULED, INBOXED -> ctx.reply(target.notStarted("resumed"));
            case INVOKED -> ctx.reply(resume.hasDeployment() && !resume.getDeployment().equals(status.getDeployment())
                    ? target.reply(Reply.Code.CONFLICT, "The invocation '" + target.text()
                            + "' is still running or the deployment id is not pinned yet, deployment id cannot be changed.")
                    : target.reply(Reply.Code.OK, ""));
            default -> {
                if (resume.hasDeployment()) {
                    status.setDeployment(resume.getDeployment());
                }
                starts.run(ctx, target.id(), status.setAttemptsAtResume(status.getAttempts()).clearNextRetryAt());
                ctx.reply(target.reply(Reply.Code.OK, ""));
            }
        }
    }
}
