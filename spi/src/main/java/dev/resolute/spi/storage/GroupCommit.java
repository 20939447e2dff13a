package dev.resolute.spi.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Group commit, engine-neutral: committers queue their batches and block; one thread takes everything
 * queued, hands it to the engine as one group (one transaction, one sync), and only then releases the
 * committers. Concurrent committers therefore share a sync, and a group is never larger than what
 * was waiting while the previous one synced.
 *
 * <p>Storage plugins may use it from {@link Storage#commit}; its {@link GroupWriter} must apply the
 * whole group atomically and durably (per the configured sync mode) or throw, leaving nothing applied.
 * When a group of several batches fails, each batch is retried alone, so that only the batch at fault
 * fails (a too-large one, say).
 */
public final class GroupCommit {

    /** Applies a group of batches in one engine transaction. */
    @FunctionalInterface
    public interface GroupWriter {
        /**
         * Applies every batch of {@code group}, in order, atomically, and syncs (unless the engine is in
         * periodic sync mode). Must throw {@link StorageException} if anything failed, having applied nothing.
         */
        void write(List<WriteBatch> group);
    }

    /** Bounds a group's bytes, so that one transaction stays well inside the engines' limits. */
    private static final long MAX_GROUP_BYTES = 64L << 20;

    private static final class Pending {
        final WriteBatch batch;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Pending(WriteBatch batch) {
            this.batch = batch;
        }
    }

    private static final Pending STOP = new Pending(new WriteBatch());

    private final GroupWriter writer;
    private final Supplier<StorageException> closed;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong groups = new AtomicLong();
    private boolean stopped;

    /**
     * Starts the committing thread.
     *
     * @param name   the thread's name
     * @param writer applies groups
     * @param closed the error for commits after {@link #stop()}
     */
    public GroupCommit(String name, GroupWriter writer, Supplier<StorageException> closed) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.closed = Objects.requireNonNull(closed, "closed");
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code batch} and blocks until its group is committed, or throws why it was not. */
    public void commit(WriteBatch batch) {
        Pending pending = new Pending(Objects.requireNonNull(batch, "batch"));
        synchronized (this) {
            if (stopped) {
                throw closed.get();
            }
            queue.add(pending);
        }
        try {
            pending.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StorageException s) {
                throw new StorageException(s.kind(), s.getMessage(), s); // the caller's stack, the committing thread's cause
            }
            throw e;
        }
    }

    /** Commits what is queued, then ends the thread; later commits fail with the closed error. Idempotent. */
    public void stop() throws InterruptedException {
        synchronized (this) {
            if (!stopped) {
                stopped = true;
                queue.add(STOP);
            }
        }
        thread.join();
    }

    /** Batches committed. */
    public long commits() {
        return commits.get();
    }

    /** Groups committed: in per-commit sync mode, the number of syncs. */
    public long groups() {
        return groups.get();
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        boolean running = true;
        while (running) {
            Pending next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                continue; // only stop() ends the thread, so that no committer is left waiting
            }
            long bytes = 0;
            while (next != null) {
                if (next == STOP) {
                    running = false;
                    break;
                }
                group.add(next);
                bytes += next.batch.approximateBytes();
                next = bytes < MAX_GROUP_BYTES ? queue.poll() : null;
            }
            if (!group.isEmpty()) {
                commitGroup(group);
                group.clear();
            }
        }
    }

    private void commitGroup(List<Pending> group) {
        try {
            List<WriteBatch> batches = new ArrayList<>(group.size());
            group.forEach(p -> batches.add(p.batch));
            writer.write(batches);
            commits.addAndGet(group.size());
            groups.incrementAndGet();
            group.forEach(p -> p.done.complete(null));
        } catch (StorageException e) {
            if (group.size() > 1 && e.kind() != StorageException.Kind.CORRUPTION) {
                for (Pending p : group) {
                    commitGroup(List.of(p));
                }
            } else {
                group.forEach(p -> p.done.completeExceptionally(e));
            }
        } catch (RuntimeException | Error e) {
            StorageException failure = new StorageException(StorageException.Kind.IO, "commit failed: " + e, e);
            group.forEach(p -> p.done.completeExceptionally(failure));
        }
    }
}
