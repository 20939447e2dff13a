package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.tables.Tx;
import java.util.ArrayList;
import java.util.List;

/**
 * One command being applied: the batch it writes to, the command's time, and the effects it produced so far. Effects
 * are held back until the command has applied whole, so a rolled-back command leaves neither writes nor effects.
 */
final class ApplyContext {
    /** A point to roll back to: the batch's and the effects'. */
    record Mark(Tx.Mark tx, int effects) {
    }

    private final Tx tx;
    private final long now;
    private final List<Effect> effects = new ArrayList<>();
    private Reply reply = Replies.OK;

    ApplyContext(Tx tx, long now) {
        this.tx = tx;
        this.now = now;
    }

    Tx tx() {
        return tx;
    }

    /** Wall-clock milliseconds as read by whoever proposed the command. */
    long now() {
        return now;
    }

    void emit(Effect effect) {
        effects.add(effect);
    }

    List<Effect> effects() {
        return effects;
    }

    /** What the command answers its proposer; {@link Replies#OK} unless a handler says otherwise. */
    void reply(Reply reply) {
        this.reply = reply;
    }

    Reply reply() {
        return reply;
    }

    Mark mark() {
        return new Mark(tx.mark(), effects.size());
    }

    void rollback(Mark mark) {
        tx.rollback(mark.tx());
        effects.subList(mark.effects(), effects.size()).clear();
    }
}
