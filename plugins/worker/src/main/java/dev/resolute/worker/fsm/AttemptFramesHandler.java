package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.AttemptFrames;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.tables.Tables;
import java.util.Optional;

/** AttemptFrames: journal frames an attempt streamed, applied unless the attempt is no longer the current one. */
final class AttemptFramesHandler implements CommandHandler {
    private final Tables tables;
    private final JournalFrames frames;

    AttemptFramesHandler(Tables tables, JournalFrames frames) {
        this.tables = tables;
        this.frames = frames;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        AttemptFrames attempt = command.getFrames();
        byte[] id = attempt.getInvocationId().toByteArray();
        Optional<InvocationStatus> current = tables.status().get(ctx.tx(), id);
        if (!isCurrent(current, attempt.getEpoch())) {
            return; // from an attempt that was aborted or superseded
        }
        InvocationStatus.Builder status = current.get().toBuilder();
        if (frames.apply(ctx, id, status, attempt.getFramesList(), attempt.getJitter())) {
            tables.status().put(ctx.tx(), id, status.setModifiedAt(ctx.now()).build());
        }
    }

    /** Whether frames of the attempt with {@code epoch} are still the invocation's to apply. */
    static boolean isCurrent(Optional<InvocationStatus> status, long epoch) {
        return status.isPresent() && status.get().getPhase() == Phase.INVOKED && status.get().getEpoch() == epoch;
    }
}
