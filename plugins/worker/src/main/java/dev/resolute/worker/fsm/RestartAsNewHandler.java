package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.RestartInvocation;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.tables.Tables;
import java.util.List;

/**
 * RestartAsNew: a completed invocation starts again as a new invocation (the id the proposer drew, in the same
 * partition) with the same target, input and headers, on the pinned deployment or the one the command names. The
 * journal is copied up to its Input only. Replies OK with the new invocation's id.
 */
final class RestartAsNewHandler implements CommandHandler {
    private final Tables tables;
    private final Partition partition;
    private final Journal journal;
    private final Starts starts;

    RestartAsNewHandler(Tables tables, Partition partition, Journal journal, Starts starts) {
        this.tables = tables;
        this.partition = partition;
        this.journal = journal;
        this.starts = starts;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        RestartInvocation restart = command.getRestartAsNew();
        ManagedInvocation target = ManagedInvocation.read(tables, ctx, restart.getInvocationId());
        byte[] newId = restart.getNewInvocationId().toByteArray();
        if (newId.length != InvocationId.BYTES || partition.ownerOf(newId) != partition.index()) {
            throw new CommandRejectedException("the new invocation id must have " + InvocationId.BYTES + " bytes and belong to partition " + partition.index());
        }
        if (target.status().isEmpty()) {
            ctx.reply(target.notFound());
            return;
        }
        InvocationStatus old = target.status().get();
        String text = target.text();
        if (old.getPhase() == Phase.SCHEDULED || old.getPhase() == Phase.INBOXED) {
            ctx.reply(target.reply(Reply.Code.NOT_STARTED, "The invocation '" + text + "' cannot be restarted because it's not running yet."));
        } else if (old.getPhase() != Phase.COMPLETED) {
            ctx.reply(target.reply(Reply.Code.CONFLICT, "The invocation '" + text + "' is still running."));
        } else if (old.getTarget().getHandlerKind() == HandlerKind.WORKFLOW_RUN) {
            ctx.reply(target.reply(Reply.Code.INVALID, "Restarting the invocation '" + text + "' is not supported. Restarting workflows is not supported,"
                    + " and restarting invocations created using the old service protocol."));
        } else {
            List<JournalEntry> entries = tables.journal().entries(ctx.tx(), target.id());
            if (entries.isEmpty() || entries.get(0).getType() != MessageType.INPUT_COMMAND.id()) {
                ctx.reply(target.reply(Reply.Code.GONE, "The invocation '" + text + "' cannot be restarted because the input is not available."
                        + " This indicates that the journal was already purged, or not retained at all."));
            } else if (tables.status().get(ctx.tx(), newId).isPresent()) {
                throw new CommandRejectedException("the new invocation id " + InvocationId.fromBytes(newId) + " is taken");
            } else {
                start(ctx, restart, old, entries.get(0), newId);
                ctx.reply(Replies.of(Reply.Code.OK, newId));
            }
        }
    }

    private void start(ApplyContext ctx, RestartInvocation restart, InvocationStatus old, JournalEntry input, byte[] newId) {
        InvocationStatus.Builder status = InvocationStatus.newBuilder()
                .setTarget(old.getTarget())
                .setDeployment(restart.hasDeployment() ? restart.getDeployment() : old.getDeployment())
                .setCommandCount(1)
                .setCreatedAt(ctx.now())
                .setModifiedAt(ctx.now())
                .setRandomSeed(DerivedIds.seedOf(newId))
                .setCompletionRetentionMs(old.getCompletionRetentionMs())
                .setJournalRetentionMs(old.getJournalRetentionMs());
        if (old.hasRetry()) {
            status.setRetry(old.getRetry());
        }
        journal.append(ctx, newId, status, MessageType.INPUT_COMMAND.id(), input.getPayload());
        starts.start(ctx, newId, status);
    }
}
