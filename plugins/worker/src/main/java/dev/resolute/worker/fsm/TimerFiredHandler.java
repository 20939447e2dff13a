package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Timer;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.SleepCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.Void;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.TimersTable;
import dev.resolute.worker.tables.UnreadableRowException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * TimerFired: removes the timer and does what it is for. A fired timer is consumed even when it cannot be acted on
 * (its row or its invocation's status does not decode): the rejection is recorded, and the timer does not fire again.
 */
final class TimerFiredHandler implements CommandHandler {
    private static final String COMMAND = Command.KindCase.TIMER.name();

    private final Tables tables;
    private final Partition partition;
    private final Journal journal;
    private final Starts starts;
    private final Rejections rejections;

    TimerFiredHandler(Tables tables, Partition partition, Journal journal, Starts starts, Rejections rejections) {
        this.tables = tables;
        this.partition = partition;
        this.journal = journal;
        this.starts = starts;
        this.rejections = rejections;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        byte[] key = command.getTimer().getTimerKey().toByteArray();
        if (!TimersTable.isKeyOf(partition.index(), key)) {
            throw new CommandRejectedException(HexFormat.of().formatHex(key) + " is not a timer key of partition " + partition.index());
        }
        Optional<TimersTable.TimerRow> row = tables.timers().take(ctx.tx(), key);
        if (row.isEmpty()) {
            return; // fired already
        }
        Timer timer = row.get().timer();
        if (timer.getKindCase() == Timer.KindCase.KIND_NOT_SET) {
            rejections.record(ctx, COMMAND, timer.getInvocationId(), "timer " + HexFormat.of().formatHex(key) + " does not decode; dropped");
            return;
        }
        byte[] id = timer.getInvocationId().toByteArray();
        Optional<InvocationStatus> current;
        try {
            current = tables.status().get(ctx.tx(), id);
        } catch (UnreadableRowException e) {
            rejections.record(ctx, COMMAND, timer.getInvocationId(), e.getMessage());
            return;
        }
        if (current.isPresent()) {
            fire(ctx, id, current.get().toBuilder().setModifiedAt(ctx.now()), timer);
        }
    }

    private void fire(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, Timer timer) {
        switch (timer.getKindCase()) {
            case SLEEP_COMPLETION_ID -> {
                if (status.getPhase() == Phase.COMPLETED) {
                    return; // killed or cancelled while it slept: its journal is final
                }
                int completionId = timer.getSleepCompletionId();
                journal.notifyCompletion(ctx, id, status, MessageType.SLEEP_COMPLETION.id(), SleepCompletionNotificationMessage.newBuilder()
                        .setCompletionId(completionId).setVoid(Void.getDefaultInstance()).build(), completionId);
                tables.status().put(ctx.tx(), id, status.build());
            }
            case RETRY_EPOCH -> {
                if (status.getPhase() == Phase.BACKING_OFF && status.getEpoch() == timer.getRetryEpoch()) {
                    starts.run(ctx, id, status.clearNextRetryAt());
                }
            }
            case START -> {
                if (status.getPhase() == Phase.SCHEDULED) {
                    starts.start(ctx, id, status);
                }
            }
            case KIND_NOT_SET -> {
                // recorded as rejected before the status was read
            }
        }
    }
}
