package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Timer;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.TimersTable;

/** Stores a timer and asks for it to be armed once committed. */
final class TimerArming {
    private final Tables tables;
    private final Partition partition;

    TimerArming(Tables tables, Partition partition) {
        this.tables = tables;
        this.partition = partition;
    }

    void arm(ApplyContext ctx, long wakeMillis, byte[] id, TimersTable.Kind kind, long discriminator, Timer timer) {
        byte[] key = tables.timers().put(ctx.tx(), partition.index(), wakeMillis, id, kind, discriminator, timer);
        ctx.emit(new Effect.ArmTimer(partition.index(), key, wakeMillis));
    }
}
