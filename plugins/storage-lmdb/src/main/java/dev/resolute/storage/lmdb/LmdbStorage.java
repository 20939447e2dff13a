package dev.resolute.storage.lmdb;

import dev.resolute.spi.storage.GroupCommit;
import dev.resolute.spi.storage.PeriodicSync;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.KeyspaceStats;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.spi.storage.StorageDirectory;
import dev.resolute.spi.storage.StorageException;
import dev.resolute.spi.storage.StorageException.Kind;
import dev.resolute.spi.storage.StoragePluginFactory;
import dev.resolute.spi.storage.StorageStats;
import dev.resolute.spi.storage.WriteBatch;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;

/** {@link Storage} on one LMDB environment in {@code <data-dir>/lmdb/}, one named database per keyspace. */
final class LmdbStorage implements StoragePluginFactory.OpenStorage {

    private static final System.Logger LOG = System.getLogger(LmdbStorage.class.getName());
    private static final long WAIT_SECONDS = 10;
    private static final long PAGE = 4096;

    private final StorageDirectory directory;
    private final LmdbSettings settings;
    private final Env<ByteBuffer> env;
    private final Map<String, LmdbKeyspace> keyspaces = new ConcurrentHashMap<>();
    private final Set<LmdbSnapshot> snapshots = ConcurrentHashMap.newKeySet();
    /** Read transactions hold a read stamp; growing the map (which remaps it) takes the write stamp. */
    private final StampedLock mapGate = new StampedLock();
    /** Orders keyspace openings against the start of read transactions (see {@link LmdbKeyspace#seq()}). */
    private final Object keyspaceLock = new Object();
    private final GroupCommit writer;
    private final LmdbReaders readers;
    private final PeriodicSync periodicSync; // null with sync-mode per-commit
    private long keyspaceSeq;
    private volatile boolean closed;

    private LmdbStorage(StorageDirectory directory, LmdbSettings settings, Env<ByteBuffer> env) {
        this.directory = directory;
        this.settings = settings;
        this.env = env;
        for (byte[] name : env.getDbiNames()) {
            String n = new String(name, StandardCharsets.UTF_8);
            keyspaces.put(n, new LmdbKeyspace(n, env.openDbi(name), this, 0));
        }
        this.readers = new LmdbReaders(env);
        this.writer = new GroupCommit("lmdb-writer", new LmdbGroupWriter(this, env), this::closedError);
        this.periodicSync = settings.periodicSync() ? new PeriodicSync("lmdb-sync", settings.syncInterval(), writer::commits, () -> {
            env.sync(true);
            return true;
        }, "LMDB in " + directory()) : null;
    }

    /**
     * Opens (creating if needed) the store of the node whose data dir is {@code dataDir}.
     *
     * @throws StorageException LOCKED, WRONG_ENGINE, CORRUPTION or IO
     */
    static LmdbStorage open(Path dataDir, LmdbSettings settings) {
        StorageDirectory directory = StorageDirectory.open(dataDir, "lmdb");
        try {
            List<EnvFlags> flags = new ArrayList<>(List.of(EnvFlags.MDB_NOTLS)); // snapshots may move between threads
            if (settings.periodicSync()) {
                flags.add(EnvFlags.MDB_NOSYNC);
            }
            Env<ByteBuffer> env = Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                    .setMapSize(roundUp(settings.mapSize()))
                    .setMaxDbs(Keys.MAX_KEYSPACES)
                    .setMaxReaders(settings.maxReaders())
                    .open(directory.engineDir().toFile(), flags.toArray(EnvFlags[]::new));
            try {
                return new LmdbStorage(directory, settings, env);
            } catch (RuntimeException e) {
                env.close();
                throw e;
            }
        } catch (LmdbException e) {
            directory.close();
            throw LmdbErrors.map(e, directory.engineDir(), "opening");
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    @Override
    public String engine() {
        return "lmdb";
    }

    @Override
    public Keyspace keyspace(String name) {
        Keys.checkKeyspaceName(name);
        ensureOpen();
        LmdbKeyspace existing = keyspaces.get(name);
        if (existing != null) {
            return existing;
        }
        long stamp = mapGate.readLock(); // before keyspaceLock, in the same order as snapshot()
        try {
            synchronized (keyspaceLock) {
                existing = keyspaces.get(name);
                if (existing != null) {
                    return existing;
                }
                if (keyspaces.size() >= Keys.MAX_KEYSPACES) {
                    throw new IllegalArgumentException("cannot open keyspace " + name + ": a store holds at most " + Keys.MAX_KEYSPACES);
                }
                ensureOpen();
                LmdbKeyspace created = new LmdbKeyspace(name, env.openDbi(name, DbiFlags.MDB_CREATE), this, keyspaceSeq + 1);
                keyspaceSeq++;
                keyspaces.put(name, created);
                return created;
            }
        } catch (LmdbException e) {
            throw LmdbErrors.map(e, directory(), "creating keyspace " + name);
        } finally {
            mapGate.unlockRead(stamp);
        }
    }

    @Override
    public void commit(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return;
        }
        batch.keyspaces().forEach(this::own);
        ensureOpen();
        writer.commit(batch);
    }

    @Override
    public Snapshot snapshot() {
        ensureOpen();
        long stamp = mapGate.readLock();
        LmdbSnapshot snapshot;
        try {
            ensureOpen();
            synchronized (keyspaceLock) {
                snapshot = new LmdbSnapshot(this, readers.acquire(), stamp, keyspaceSeq);
            }
        } catch (LmdbException e) {
            mapGate.unlockRead(stamp);
            throw LmdbErrors.map(e, directory(), "opening a snapshot");
        } catch (RuntimeException e) {
            mapGate.unlockRead(stamp);
            throw e;
        }
        snapshots.add(snapshot);
        if (closed) { // close() may have swept the set before this snapshot joined it
            snapshot.close();
            throw closedError();
        }
        return snapshot;
    }

    @Override
    public StorageStats stats() {
        List<KeyspaceStats> stats = new ArrayList<>();
        try (LmdbSnapshot snapshot = (LmdbSnapshot) snapshot()) {
            for (LmdbKeyspace keyspace : keyspaces.values()) {
                stats.add(snapshot.stats(keyspace));
            }
        }
        stats.sort((a, b) -> a.name().compareTo(b.name()));
        long syncs = periodicSync != null ? periodicSync.syncs() : writer.groups();
        return new StorageStats(engine(), stats, writer.commits(), syncs);
    }

    /** Commits what is queued, closes snapshots, syncs and closes LMDB, then unlocks the data dir. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.stop();
            if (periodicSync != null) {
                periodicSync.stop();
                env.sync(true);
            }
            snapshots.forEach(LmdbSnapshot::close);
            long stamp = mapGate.tryWriteLock(WAIT_SECONDS, TimeUnit.SECONDS);
            if (stamp == 0) {
                // Closing the env under a live read transaction could crash the JVM; leaking it cannot.
                LOG.log(Level.WARNING, "LMDB in {0} left open: a snapshot or keyspace is still being opened", directory());
                return;
            }
            readers.close();
            env.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "LMDB in {0} left open: interrupted while closing", directory());
            return;
        }
        directory.close();
    }

    /** Called by the writer thread (no write transaction open) when LMDB reports the map full. */
    void grow(long groupBytes, Env.MapFullException full) {
        long current = env.info().mapSize;
        long max = settings.maxMapSize();
        if (current >= max) {
            throw LmdbErrors.map(full, directory(), "committing at the maximal map size " + max + " bytes");
        }
        long target = Math.min(max, roundUp(Math.max(current * 2, current + 2 * groupBytes)));
        long stamp;
        try {
            stamp = mapGate.tryWriteLock(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stamp = 0;
        }
        if (stamp == 0) {
            throw new StorageException(Kind.STORE_FULL, "the LMDB map in " + directory() + " is full at " + current
                    + " bytes and cannot grow while snapshots stay open (waited " + WAIT_SECONDS + " s). Close snapshots before"
                    + " committing, or raise " + LmdbSettings.SECTION + ".map-size so that growth is rarer.", full);
        }
        try {
            env.setMapSize(target);
        } finally {
            mapGate.unlockWrite(stamp);
        }
        LOG.log(Level.INFO, "grew the LMDB map in {0} from {1} to {2} bytes", directory(), current, target);
    }

    /** A snapshot closed (its iterators already are): its transaction goes back to the pool, its stamp to the gate. */
    void forget(LmdbSnapshot snapshot, LmdbReaders.Reader reader, long stamp) {
        try {
            readers.release(reader);
        } finally {
            snapshots.remove(snapshot);
            mapGate.unlockRead(stamp);
        }
    }

    Path directory() {
        return directory.engineDir();
    }

    StorageException closedError() {
        return new StorageException(Kind.CLOSED, "the LMDB store in " + directory() + " is closed");
    }

    LmdbKeyspace own(Keyspace keyspace) {
        if (keyspace instanceof LmdbKeyspace k && k.owner() == this) {
            return k;
        }
        throw new IllegalArgumentException("keyspace " + keyspace + " does not belong to the LMDB store in " + directory());
    }

    private void ensureOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private static long roundUp(long bytes) {
        return (bytes + PAGE - 1) / PAGE * PAGE;
    }
}
