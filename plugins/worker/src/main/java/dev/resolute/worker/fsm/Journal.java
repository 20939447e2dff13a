package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.resolute.worker.engine.pb.Awaiting;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.tables.NotificationId;
import dev.resolute.worker.tables.Tables;
import java.util.List;

/** Appending to an invocation's journal and delivering the notifications it stores. */
final class Journal {
    private final Tables tables;
    private final Starts starts;

    Journal(Tables tables, Starts starts) {
        this.tables = tables;
        this.starts = starts;
    }

    /** Appends an entry at the end of the journal {@code status} describes; returns its index. */
    int append(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, int type, ByteString payload) {
        int index = status.getJournalLength();
        status.setJournalLength(index + 1);
        tables.journal().put(ctx.tx(), id, index,
                JournalEntry.newBuilder().setType(type).setPayload(payload).setAppendedAt(ctx.now()).build());
        return index;
    }

    /** Appends a notification and indexes it by what it answers; returns its journal index. */
    int storeNotification(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, int type, ByteString payload,
                          NotificationId notification) {
        int index = append(ctx, id, status, type, payload);
        tables.notifications().put(ctx.tx(), id, notification, index);
        return index;
    }

    /**
     * Stores a completion and delivers it: to the attempt streaming now, or by resuming a suspended invocation
     * that awaits it.
     */
    void notifyCompletion(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, int type, MessageLite message, int completionId) {
        notify(ctx, id, status, type, message, new NotificationId.Completion(completionId));
    }

    /** Stores a notification and delivers it, as {@link #notifyCompletion} does, whatever it answers. */
    void notify(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, int type, MessageLite message, NotificationId notification) {
        int index = storeNotification(ctx, id, status, type, message.toByteString(), notification);
        if (status.getPhase() == Phase.INVOKED) {
            ctx.emit(new Effect.Notify(id, status.getEpoch(), List.of(frame(type, message, index))));
        } else if (status.getPhase() == Phase.SUSPENDED && awaits(status.getAwaiting(), notification)) {
            starts.run(ctx, id, status);
        }
    }

    private static boolean awaits(Awaiting awaiting, NotificationId notification) {
        if (notification instanceof NotificationId.Completion c) {
            return awaiting.getCompletionsList().contains(c.id());
        }
        if (notification instanceof NotificationId.Signal s) {
            return awaiting.getSignalsList().contains(s.id());
        }
        return awaiting.getNamedSignalsList().contains(((NotificationId.NamedSignal) notification).name());
    }

    /** Whether the journal holds the notification already (each completion and signal is stored once). */
    boolean has(ApplyContext ctx, byte[] id, NotificationId notification) {
        return tables.notifications().contains(ctx.tx(), id, notification);
    }

    boolean hasCompletion(ApplyContext ctx, byte[] id, int completionId) {
        return has(ctx, id, new NotificationId.Completion(completionId));
    }

    /** Whether anything a suspending attempt awaits is stored already. */
    boolean canProgress(ApplyContext ctx, byte[] id, Awaiting awaiting) {
        for (int c : awaiting.getCompletionsList()) {
            if (hasCompletion(ctx, id, c)) {
                return true;
            }
        }
        for (int s : awaiting.getSignalsList()) {
            if (tables.notifications().contains(ctx.tx(), id, new NotificationId.Signal(s))) {
                return true;
            }
        }
        for (String name : awaiting.getNamedSignalsList()) {
            if (tables.notifications().contains(ctx.tx(), id, new NotificationId.NamedSignal(name))) {
                return true;
            }
        }
        return false;
    }

    static Frame frame(int type, MessageLite message, int journalIndex) {
        return Frame.newBuilder().setType(type).setPayload(message.toByteString()).setJournalIndex(journalIndex).build();
    }
}
