package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.tables.RetentionIndex;
import dev.resolute.worker.tables.RetentionIndex.What;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.UnreadableRowException;
import java.util.List;
import java.util.Optional;

/**
 * Retention of completed invocations (reference §3.2): at completion the journal is dropped at once when it is not
 * retained, and the expiry of the journal and of the whole invocation enter the retention index; a cleanup then
 * deletes what is due. An invocation whose result is not retained is deleted by the next cleanup rather than at
 * completion, so that a client that asked for the result while the invocation ran still finds it.
 */
final class Retention {
    private final Tables tables;
    private final Partition partition;
    private final Purges purges;
    private final Rejections rejections;

    Retention(Tables tables, Partition partition, Purges purges, Rejections rejections) {
        this.tables = tables;
        this.partition = partition;
        this.purges = purges;
        this.rejections = rejections;
    }

    /** The invocation has just completed with {@code status}; one created without a retention is kept until purged. */
    void completed(ApplyContext ctx, byte[] id, InvocationStatus status) {
        if (!status.hasCompletionRetentionMs()) {
            return;
        }
        long journal = journalRetention(status);
        if (journal == 0) {
            purges.journal(ctx, id, status);
        } else if (journal < status.getCompletionRetentionMs()) {
            tables.retention().add(ctx.tx(), partition.index(), expiry(status, What.JOURNAL), id, What.JOURNAL);
        }
        tables.retention().add(ctx.tx(), partition.index(), expiry(status, What.COMPLETION), id, What.COMPLETION);
    }

    /**
     * Deletes what is due at the command's time, at most {@code limit} index entries.
     *
     * @return whether more entries are due
     */
    boolean cleanUp(ApplyContext ctx, int limit) {
        List<RetentionIndex.Entry> due = tables.retention().due(ctx.tx(), partition.index(), ctx.now(), limit + 1);
        for (RetentionIndex.Entry entry : due.subList(0, Math.min(limit, due.size()))) {
            tables.retention().remove(ctx.tx(), entry);
            if (entry.what().isPresent()) {
                expire(ctx, entry, entry.what().get());
            }
        }
        return due.size() > limit;
    }

    private void expire(ApplyContext ctx, RetentionIndex.Entry entry, What what) {
        byte[] id = entry.invocationId();
        Optional<InvocationStatus> status;
        try {
            status = tables.status().get(ctx.tx(), id);
        } catch (UnreadableRowException e) {
            rejections.record(ctx, Command.KindCase.CLEANUP.name(), ByteString.copyFrom(id), e.getMessage() + "; its retention entry is dropped");
            return;
        }
        // an entry that does not match the status is stale: the invocation was purged (and maybe created again) since
        if (status.isEmpty() || status.get().getPhase() != Phase.COMPLETED || expiry(status.get(), what) != entry.expiresAt()) {
            return;
        }
        if (what == What.JOURNAL) {
            purges.journal(ctx, id, status.get());
        } else {
            purges.invocation(ctx, id, status.get());
        }
    }

    /** The journal is never kept longer than the result it led to, and as long as it when no journal retention is set. */
    private static long journalRetention(InvocationStatus status) {
        return status.hasJournalRetentionMs() ? Math.min(status.getJournalRetentionMs(), status.getCompletionRetentionMs())
                : status.getCompletionRetentionMs();
    }

    private static long expiry(InvocationStatus status, What what) {
        long retention = what == What.JOURNAL ? journalRetention(status) : status.getCompletionRetentionMs();
        long at = status.getCompletedAt() + retention;
        return at < status.getCompletedAt() ? Long.MAX_VALUE : at; // a retention too long to add is forever
    }
}
