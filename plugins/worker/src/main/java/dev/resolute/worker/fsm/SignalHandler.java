package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Signal;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.tables.NotificationId;
import dev.resolute.worker.tables.Tables;
import java.util.Optional;

/**
 * Signal: an awakeable's result or a SendSignal, stored in the target's journal as a SignalNotification and delivered
 * to its attempt, or resuming it if it is suspended on that signal. The first signal with an index or name wins: a
 * second one (an awakeable resolved twice, an outbox redelivery) is dropped, as is a signal to an invocation that is
 * unknown or completed. The built-in cancel signal (index 1, a caller's {@code ctx.cancel}) cancels the invocation as
 * the admin API's cancel does: one not started yet ends at once.
 */
final class SignalHandler implements CommandHandler {
    private final Tables tables;
    private final Journal journal;
    private final Terminations terminations;

    SignalHandler(Tables tables, Journal journal, Terminations terminations) {
        this.tables = tables;
        this.journal = journal;
        this.terminations = terminations;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        Signal signal = command.getSignal();
        if (signal.getFromOutbox()) {
            ctx.emit(new Effect.AckOutbox(signal.getFromPartition(), signal.getOutboxSeq()));
        }
        byte[] id = signal.getInvocationId().toByteArray();
        NotificationId notification = switch (signal.getIdCase()) {
            case INDEX -> new NotificationId.Signal(signal.getIndex());
            case NAME -> new NotificationId.NamedSignal(signal.getName());
            case ID_NOT_SET -> throw new CommandRejectedException("a signal without an index or a name");
        };
        Optional<InvocationStatus> current = tables.status().get(ctx.tx(), id);
        if (current.isEmpty() || current.get().getPhase() == Phase.COMPLETED || journal.has(ctx, id, notification)) {
            return;
        }
        InvocationStatus.Builder status = current.get().toBuilder().setModifiedAt(ctx.now());
        if (signal.getIdCase() == Signal.IdCase.INDEX && signal.getIndex() == Terminations.CANCEL_SIGNAL) {
            terminations.cancel(ctx, id, status);
            return;
        }
        journal.notify(ctx, id, status, MessageType.SIGNAL_NOTIFICATION.id(), Signals.notification(signal), notification);
        tables.status().put(ctx.tx(), id, status.build());
    }
}
