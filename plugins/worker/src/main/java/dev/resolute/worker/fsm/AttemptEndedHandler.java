package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.tables.Tables;
import java.util.Optional;

/** AttemptEnded: the frames that came with the end, then completion, suspension or a failure for the retry policy. */
final class AttemptEndedHandler implements CommandHandler {
    private final Tables tables;
    private final JournalFrames frames;
    private final Journal journal;
    private final Starts starts;
    private final Completions completions;
    private final Retries retries;

    AttemptEndedHandler(Tables tables, JournalFrames frames, Journal journal, Starts starts, Completions completions, Retries retries) {
        this.tables = tables;
        this.frames = frames;
        this.journal = journal;
        this.starts = starts;
        this.completions = completions;
        this.retries = retries;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        AttemptEnded ended = command.getEnded();
        byte[] id = ended.getInvocationId().toByteArray();
        Optional<InvocationStatus> current = tables.status().get(ctx.tx(), id);
        if (!AttemptFramesHandler.isCurrent(current, ended.getEpoch())) {
            return;
        }
        InvocationStatus.Builder status = current.get().toBuilder().setModifiedAt(ctx.now());
        if (!frames.apply(ctx, id, status, ended.getFramesList(), ended.getJitter())) {
            return; // a frame failed the attempt: that is how it ended
        }
        switch (ended.getHowCase()) {
            case END -> completions.complete(ctx, id, status, status.hasOutcome() ? status.getOutcome()
                    : Outcome.newBuilder().setValue(ByteString.EMPTY).build());
            case SUSPENDED -> {
                if (journal.canProgress(ctx, id, ended.getSuspended())) {
                    starts.run(ctx, id, status); // what it waits for arrived while it was suspending
                } else {
                    tables.status().put(ctx.tx(), id, status.setPhase(Phase.SUSPENDED).setAwaiting(ended.getSuspended()).build());
                }
            }
            case FAILED -> retries.fail(ctx, id, status, ended.getFailed(), ended.getJitter());
            case HOW_NOT_SET -> retries.fail(ctx, id, status,
                    AttemptFailed.newBuilder().setMessage("the attempt ended without End, Suspension or Error").build(), ended.getJitter());
        }
    }
}
