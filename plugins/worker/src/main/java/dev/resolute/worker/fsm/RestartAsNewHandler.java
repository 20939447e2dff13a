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
import java.util.Optional;

/**
 * RestartAsNew: a completed invocation starts again as a new invocation (the id the proposer drew, in the same
 * partition) with the same target, input and headers, on the pinned deployment or the one the command names, its
 * journal copied up to the entry {@code from} (see {@link JournalPrefix}). Replies OK with the new invocation's id.
 */
final class RestartAsNewHandler implements CommandHandler {
    private final Tables tables;
    private final Partition partition;
    private final Journal journal;
    private final Starts starts;
    private final Listings listings;

    RestartAsNewHandler(Tables tables, Partition partition, Journal journal, Starts starts, Listings listings) {
        this.tables = tables;
        this.partition = partition;
        this.journal = journal;
        this.starts = starts;
        this.listings = listings;
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
                    + " and restarting invocations created using the old service protocol.").toBuilder().setUnsupported(true).build());
        } else {
            restart(ctx, restart, target, old, newId);
        }
    }

    private void restart(ApplyContext ctx, RestartInvocation restart, ManagedInvocation target, InvocationStatus old, byte[] newId) {
        String text = target.text();
        List<JournalEntry> entries = tables.journal().entries(ctx.tx(), target.id());
        if (entries.isEmpty() || entries.get(0).getType() != MessageType.INPUT_COMMAND.id()) {
            ctx.reply(target.reply(Reply.Code.GONE, "The invocation '" + text + "' cannot be restarted because the input is not available."
                    + " This indicates that the journal was already purged, or not retained at all."));
            return;
        }
        if (restart.getFrom() >= entries.size()) {
            ctx.reply(target.reply(Reply.Code.INVALID, "The given index is out of range of currently stored journal for invocation '" + text + "'."));
            return;
        }
        Optional<JournalPrefix> prefix = JournalPrefix.of(entries, restart.getFrom());
        if (prefix.isEmpty()) {
            ctx.reply(target.reply(Reply.Code.INVALID, "The prefix of the journal '" + text
                    + "' up to 'from' (included) contains some Commands without respective Completions."));
            return;
        }
        if (tables.status().get(ctx.tx(), newId).isPresent()) {
            throw new CommandRejectedException("the new invocation id " + InvocationId.fromBytes(newId) + " is taken");
        }
        start(ctx, restart, old, prefix.get(), newId);
        ctx.reply(Replies.of(Reply.Code.OK, newId));
    }

    /** The new invocation, with the copied journal, started as any other (the random seed kept, as Restate: the copy replays the same draws). */
    private void start(ApplyContext ctx, RestartInvocation restart, InvocationStatus old, JournalPrefix prefix, byte[] newId) {
        InvocationStatus.Builder status = InvocationStatus.newBuilder()
                .setTarget(old.getTarget())
                .setDeployment(restart.hasDeployment() ? restart.getDeployment() : old.getDeployment())
                .setCommandCount(prefix.commands())
                .setCreatedAt(ctx.now())
                .setModifiedAt(ctx.now())
                .setRandomSeed(old.getRandomSeed())
                .setRestartedFrom(restart.getInvocationId())
                .setCompletionRetentionMs(old.getCompletionRetentionMs())
                .setJournalRetentionMs(old.getJournalRetentionMs());
        if (old.hasRetry()) {
            status.setRetry(old.getRetry());
        }
        for (int i = 0; i < prefix.entries().size(); i++) {
            JournalEntry entry = prefix.entries().get(i);
            int index = journal.append(ctx, newId, status, entry.getType(), entry.getPayload());
            prefix.notifications().get(i).ifPresent(n -> tables.notifications().put(ctx.tx(), newId, n, index));
        }
        listings.created(ctx, newId, status.getCreatedAt());
        starts.start(ctx, newId, status);
    }
}
