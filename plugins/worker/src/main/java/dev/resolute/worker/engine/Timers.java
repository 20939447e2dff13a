package dev.resolute.worker.engine;

import com.google.protobuf.ByteString;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.TimerFired;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.TimersTable;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires committed timers: at the wake time it proposes {@code TimerFired} to the owning partition,
 * which deletes the timer row and applies its effect. The timers live in the {@code timers} table,
 * keyed by partition and wake time; this keeps only each partition's next due ones in memory (at most
 * {@code inMemory} a partition) and reads the following ones from the table, in due order, when
 * those are used up. So a start reads a few timers, however many are stored.
 */
final class Timers {
    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);
    /** How many due timers each partition keeps in memory by default. */
    static final int IN_MEMORY = 1024;

    private final Storage storage;
    private final Tables tables;
    private final Partitions partitions;
    private final int inMemory;
    private final Due[] due;
    private final Thread thread = new Thread(this::loop, "timers");
    private volatile boolean running = true;

    Timers(Storage storage, Tables tables, Partitions partitions, int inMemory) {
        this.storage = storage;
        this.tables = tables;
        this.partitions = partitions;
        this.inMemory = inMemory;
        this.due = new Due[partitions.count()];
        for (int p = 0; p < due.length; p++) {
            due[p] = new Due(p);
        }
        thread.setDaemon(true);
    }

    /** Loads each partition's first due timers from the table and starts firing. */
    void start() {
        for (Due partition : due) {
            synchronized (this) {
                partition.loadNext();
            }
        }
        thread.start();
    }

    /** A timer row was committed (the table holds it: it is fired from memory or read later). */
    synchronized void arm(int partition, byte[] timerKey) {
        due[partition].offer(timerKey);
        notifyAll();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }

    private void loop() {
        while (running) {
            int partition;
            byte[] key;
            synchronized (this) {
                Due next = earliest();
                long now = System.currentTimeMillis();
                if (next == null || next.firstWake() > now) {
                    try {
                        wait(next == null ? 0 : next.firstWake() - now);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                partition = next.partition;
                key = next.pollFirst();
            }
            partitions.propose(partition, Partitions.command().setTimer(TimerFired.newBuilder().setTimerKey(ByteString.copyFrom(key))).build());
        }
    }

    /** How many timers are in memory now, over all partitions. */
    synchronized int heldInMemory() {
        int n = 0;
        for (Due partition : due) {
            n += partition.keys.size();
        }
        return n;
    }

    private Due earliest() {
        Due best = null;
        for (Due partition : due) {
            if (partition.isEmpty()) {
                partition.loadNext();
            }
            if (!partition.isEmpty() && (best == null || partition.firstWake() < best.firstWake())) {
                best = partition;
            }
        }
        return best;
    }

    /**
     * One partition's timers in memory: every stored timer with a key up to {@code loadedThrough}
     * (all of them when it is null) is here, unless it has already been fired.
     */
    private final class Due {
        private final int partition;
        private final TreeSet<byte[]> keys = new TreeSet<>(Keys::compare);
        private byte[] loadedThrough = new byte[0]; // nothing loaded yet; sorts before every key

        Due(int partition) {
            this.partition = partition;
        }

        boolean isEmpty() {
            return keys.isEmpty();
        }

        long firstWake() {
            return TimersTable.wakeOf(keys.first());
        }

        byte[] pollFirst() {
            return keys.pollFirst();
        }

        void offer(byte[] key) {
            if (loadedThrough != null && Keys.compare(key, loadedThrough) > 0) {
                return; // beyond what memory covers: read from the table in its turn
            }
            keys.add(key);
            if (keys.size() > inMemory) {
                keys.pollLast();
                loadedThrough = keys.last();
            }
        }

        /** Reads the next due timers after {@code loadedThrough} from the table, when memory holds none. */
        void loadNext() {
            if (loadedThrough == null) {
                return;
            }
            List<TimersTable.TimerRow> read;
            try (Snapshot snapshot = storage.snapshot()) {
                read = tables.timers().dueFrom(snapshot, partition, loadedThrough.length == 0 ? null : loadedThrough, inMemory);
            } catch (RuntimeException e) {
                LOG.error("partition {}: cannot read the timers table: {}", partition, e.toString(), e);
                return;
            }
            read.forEach(row -> keys.add(row.key()));
            loadedThrough = read.size() < inMemory ? null : read.get(read.size() - 1).key();
        }
    }
}
