package dev.resolute.worker.engine;

import dev.resolute.spi.browse.InvocationChange;
import dev.resolute.spi.browse.InvocationChanges;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.introspection.UiStatus;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.StatusTable;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link InvocationChanges}: after each committed batch, the invocations whose status it wrote (every
 * creation, journal append, retry, status change and deletion writes the status), and after an attempt starts or
 * ends, that invocation (its {@code running} depends on the attempt, not on storage).
 *
 * <p>Both publishers of a partition hold the partition's lock while they read what they publish and call the
 * listeners, and each reads after its cause took place (the commit, the attempt's start or end): so whichever
 * publishes last publishes the invocation as it is, whatever order the two threads ran in.
 */
public final class ChangeFeed implements InvocationChanges, CommitWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final Storage storage;
    private final Tables tables;
    private final Predicate<byte[]> inFlight;
    private final Object[] partitionLocks;
    private final List<Consumer<List<InvocationChange>>> listeners = new CopyOnWriteArrayList<>();

    /** @param inFlight whether an attempt of an invocation (its 24-byte id) runs now */
    ChangeFeed(Storage storage, Tables tables, int partitionCount, Predicate<byte[]> inFlight) {
        this.storage = storage;
        this.tables = tables;
        this.inFlight = inFlight;
        this.partitionLocks = new Object[partitionCount];
        for (int p = 0; p < partitionCount; p++) {
            partitionLocks[p] = new Object();
        }
    }

    @Override
    public AutoCloseable watch(Consumer<List<InvocationChange>> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public boolean watching() {
        return !listeners.isEmpty();
    }

    /** One written status: its invocation, what it is now (empty once deleted) and its target. */
    private record Touched(byte[] id, Optional<InvocationStatus> now, Target target) {
    }

    @Override
    public Runnable changed(int partition, Tx tx, Reads before) {
        List<Touched> touched = new ArrayList<>();
        for (StatusTable.Written written : tables.status().written(tx)) {
            Target target = written.status().map(InvocationStatus::getTarget) // a deleted one: as it was
                    .or(() -> tables.status().get(before, written.id()).map(InvocationStatus::getTarget))
                    .orElse(Target.getDefaultInstance());
            touched.add(new Touched(written.id(), written.status(), target));
        }
        if (touched.isEmpty()) {
            return () -> { };
        }
        return () -> {
            synchronized (partitionLocks[partition]) {
                tell(touched.stream().map(t -> change(t.id(), t.now(), t.target())).toList());
            }
        };
    }

    /** Tells the watchers about the invocation after one of its attempts started or ended. */
    void attemptChanged(byte[] id) {
        if (!watching()) {
            return;
        }
        synchronized (partitionLocks[PartitionKeys.partitionOf(InvocationId.fromBytes(id).partitionKey(), partitionLocks.length)]) {
            Optional<InvocationStatus> now;
            try (Snapshot snapshot = storage.snapshot()) {
                now = tables.status().get(Reads.of(snapshot), id);
            } catch (RuntimeException e) { // the invoker's thread goes on; the partition reports a broken store
                LOG.warn("reading invocation {} for its watchers failed: {}", InvocationId.fromBytes(id), e.toString());
                return;
            }
            now.ifPresent(status -> tell(List.of(change(id, now, status.getTarget()))));
        }
    }

    private InvocationChange change(byte[] id, Optional<InvocationStatus> now, Target target) {
        String text = InvocationId.fromBytes(id).toString();
        if (now.isEmpty()) {
            return new InvocationChange(text, target.getService(), target.getHandler(), "deleted", 0, 0);
        }
        InvocationStatus status = now.get();
        return new InvocationChange(text, target.getService(), target.getHandler(), UiStatus.of(status, inFlight.test(id)),
                status.getJournalLength(), status.getRetryCount());
    }

    private void tell(List<InvocationChange> changes) {
        for (Consumer<List<InvocationChange>> listener : listeners) {
            try {
                listener.accept(changes);
            } catch (RuntimeException e) { // a listener must not throw; if one does, the engine goes on
                LOG.warn("a listener of invocation changes failed: {}", e.toString(), e);
            }
        }
    }
}
