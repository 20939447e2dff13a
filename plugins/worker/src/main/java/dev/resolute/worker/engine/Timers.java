package dev.resolute.worker.engine;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.TimerFired;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires committed timers: at the wake time it proposes {@code TimerFired} to the owning partition,
 * which deletes the timer row and applies its effect. Timers live in storage; this only holds the
 * in-memory schedule, rebuilt from storage after a restart.
 */
final class Timers {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "timers");
        t.setDaemon(true);
        return t;
    });
    private final Partitions partitions;

    Timers(Partitions partitions) {
        this.partitions = partitions;
    }

    void arm(int partition, byte[] timerKey, long wakeMillis) {
        long delay = Math.max(0, wakeMillis - System.currentTimeMillis());
        scheduler.schedule(() -> partitions.propose(partition, Partitions.command()
                .setTimer(TimerFired.newBuilder().setTimerKey(ByteString.copyFrom(timerKey))).build()), delay, TimeUnit.MILLISECONDS);
    }

    void stop() {
        scheduler.shutdownNow();
    }
}
