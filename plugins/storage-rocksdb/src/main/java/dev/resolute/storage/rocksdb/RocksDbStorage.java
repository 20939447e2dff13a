package dev.resolute.storage.rocksdb;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * {@link Storage} on one RocksDB in {@code <data-dir>/rocksdb/}, one column family per keyspace.
 * Commits go through {@link GroupCommit} and {@link RocksDbGroupWriter}.
 */
final class RocksDbStorage implements StoragePluginFactory.OpenStorage {

    private static final System.Logger LOG = System.getLogger(RocksDbStorage.class.getName());

    private final StorageDirectory directory;
    private final RocksDbSettings settings;
    private final RocksDB db;
    private final List<AbstractNativeReference> natives;
    private final ColumnFamilyOptions columnOptions;
    private final WriteOptions writeOptions;
    private final GroupCommit writer;
    private final Map<String, RocksDbKeyspace> keyspaces = new ConcurrentHashMap<>();
    private final Set<RocksDbSnapshot> snapshots = ConcurrentHashMap.newKeySet();
    /** Everything that touches the db holds a read stamp; close takes the write stamp. */
    private final StampedLock gate = new StampedLock();
    private final PeriodicSync periodicSync; // null with sync-mode per-commit
    private volatile boolean closed;

    private RocksDbStorage(StorageDirectory directory, RocksDbSettings settings, RocksDB db, List<ColumnFamilyHandle> handles,
                           List<AbstractNativeReference> natives, ColumnFamilyOptions columnOptions) {
        this.directory = directory;
        this.settings = settings;
        this.db = db;
        this.natives = natives;
        this.columnOptions = columnOptions;
        this.writeOptions = keep(natives, new WriteOptions().setSync(!settings.periodicSync()));
        for (ColumnFamilyHandle handle : handles) {
            String name = new String(name(handle), StandardCharsets.UTF_8);
            keyspaces.put(name, new RocksDbKeyspace(name, handle, this));
        }
        this.writer = new GroupCommit("rocksdb-writer", new RocksDbGroupWriter(db, writeOptions, directory.engineDir()), this::closedError);
        this.periodicSync = settings.periodicSync()
                ? new PeriodicSync("rocksdb-sync", settings.syncInterval(), writer::commits, this::syncWal, "RocksDB in " + directory())
                : null;
    }

    /**
     * Opens (creating if needed) the store of the node whose data dir is {@code dataDir}.
     *
     * @throws StorageException LOCKED, WRONG_ENGINE, CORRUPTION or IO
     */
    static RocksDbStorage open(Path dataDir, RocksDbSettings settings) {
        RocksDB.loadLibrary();
        StorageDirectory directory = StorageDirectory.open(dataDir, "rocksdb");
        List<AbstractNativeReference> natives = new ArrayList<>();
        try {
            LRUCache cache = keep(natives, new LRUCache(settings.memoryBudget()));
            WriteBufferManager buffers = keep(natives, new WriteBufferManager(settings.memoryBudget() / 2, cache));
            BloomFilter filter = keep(natives, new BloomFilter(10));
            ColumnFamilyOptions columnOptions = keep(natives, new ColumnFamilyOptions()
                    .setWriteBufferSize(settings.writeBufferSize())
                    .setCompressionType(settings.compression())
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(filter)
                            .setCacheIndexAndFilterBlocks(true)));
            DBOptions options = keep(natives, new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(settings.maxBackgroundJobs())
                    .setWriteBufferManager(buffers)
                    .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery) // a torn WAL tail after a crash is cut, not fatal
                    .setBytesPerSync(1 << 20)
                    .setKeepLogFileNum(3)
                    .setMaxLogFileSize(16 << 20));
            Path dir = directory.engineDir();
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (byte[] name : existingColumnFamilies(dir)) {
                descriptors.add(new ColumnFamilyDescriptor(name, columnOptions));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
            try {
                return new RocksDbStorage(directory, settings, db, handles, natives, columnOptions);
            } catch (RuntimeException e) {
                handles.forEach(ColumnFamilyHandle::close);
                db.close();
                throw e;
            }
        } catch (RocksDBException e) {
            release(natives);
            directory.close();
            throw RocksDbErrors.map(e, directory.engineDir(), "opening");
        } catch (RuntimeException e) {
            release(natives);
            directory.close();
            throw e;
        }
    }

    @Override
    public String engine() {
        return "rocksdb";
    }

    @Override
    public Keyspace keyspace(String name) {
        Keys.checkKeyspaceName(name);
        ensureOpen();
        RocksDbKeyspace existing = keyspaces.get(name);
        if (existing != null) {
            return existing;
        }
        synchronized (keyspaces) {
            existing = keyspaces.get(name);
            if (existing != null) {
                return existing;
            }
            if (keyspaces.size() >= Keys.MAX_KEYSPACES) {
                throw new IllegalArgumentException("cannot open keyspace " + name + ": a store holds at most " + Keys.MAX_KEYSPACES);
            }
            long stamp = gate.readLock();
            try {
                ensureOpen();
                ColumnFamilyHandle handle = db.createColumnFamily(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), columnOptions));
                RocksDbKeyspace created = new RocksDbKeyspace(name, handle, this);
                keyspaces.put(name, created);
                return created;
            } catch (RocksDBException e) {
                throw RocksDbErrors.map(e, directory(), "creating keyspace " + name);
            } finally {
                gate.unlockRead(stamp);
            }
        }
    }

    @Override
    public void commit(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return;
        }
        batch.keyspaces().forEach(this::own);
        long stamp = gate.readLock(); // close waits for commits in flight
        try {
            ensureOpen();
            writer.commit(batch);
        } finally {
            gate.unlockRead(stamp);
        }
    }

    @Override
    public Snapshot snapshot() {
        long stamp = gate.readLock();
        try {
            ensureOpen();
            RocksDbSnapshot snapshot = new RocksDbSnapshot(this, db, db.getSnapshot());
            snapshots.add(snapshot);
            return snapshot;
        } finally {
            gate.unlockRead(stamp);
        }
    }

    @Override
    public StorageStats stats() {
        List<KeyspaceStats> stats = new ArrayList<>();
        long stamp = gate.readLock();
        try {
            ensureOpen();
            for (RocksDbKeyspace keyspace : keyspaces.values()) {
                ColumnFamilyHandle h = keyspace.handle();
                long bytes = db.getLongProperty(h, "rocksdb.total-sst-files-size") + db.getLongProperty(h, "rocksdb.size-all-mem-tables");
                stats.add(new KeyspaceStats(keyspace.name(), db.getLongProperty(h, "rocksdb.estimate-num-keys"), bytes));
            }
        } catch (RocksDBException e) {
            throw RocksDbErrors.map(e, directory(), "reading statistics");
        } finally {
            gate.unlockRead(stamp);
        }
        stats.sort((a, b) -> a.name().compareTo(b.name()));
        long syncs = periodicSync != null ? periodicSync.syncs() : writer.groups();
        return new StorageStats(engine(), stats, writer.commits(), syncs);
    }

    /** Waits for commits in flight, closes snapshots, syncs and closes RocksDB, then unlocks the data dir. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (periodicSync != null) {
            try {
                periodicSync.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long stamp = gate.writeLock();
        try {
            snapshots.forEach(RocksDbSnapshot::close);
            if (settings.periodicSync()) {
                db.syncWal();
            }
            keyspaces.values().forEach(k -> k.handle().close());
            db.closeE();
        } catch (RocksDBException e) {
            LOG.log(Level.WARNING, "closing RocksDB in " + directory() + " failed", e);
        } finally {
            release(natives);
            gate.unlockWrite(stamp);
            directory.close();
        }
    }

    void forget(RocksDbSnapshot snapshot) {
        snapshots.remove(snapshot);
    }

    Path directory() {
        return directory.engineDir();
    }

    RocksDbKeyspace own(Keyspace keyspace) {
        if (keyspace instanceof RocksDbKeyspace k && k.owner() == this) {
            return k;
        }
        throw new IllegalArgumentException("keyspace " + keyspace + " does not belong to the RocksDB store in " + directory());
    }

    private void ensureOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private StorageException closedError() {
        return new StorageException(Kind.CLOSED, "the RocksDB store in " + directory() + " is closed");
    }

    /** The periodic sync: the WAL, unless the store is closing (close syncs it last). */
    private boolean syncWal() throws RocksDBException {
        long stamp = gate.readLock();
        try {
            if (closed) {
                return false;
            }
            db.syncWal();
            return true;
        } finally {
            gate.unlockRead(stamp);
        }
    }

    private static List<byte[]> existingColumnFamilies(Path dir) throws RocksDBException {
        if (!Files.exists(dir.resolve("CURRENT"))) {
            return List.of(RocksDB.DEFAULT_COLUMN_FAMILY);
        }
        List<byte[]> names = new ArrayList<>();
        try (Options options = new Options()) {
            names.addAll(RocksDB.listColumnFamilies(options, dir.toString()));
        }
        // The JNI listing returns nothing instead of an error (a corrupt CURRENT, say); open reports the error then.
        if (names.stream().noneMatch(n -> Arrays.equals(n, RocksDB.DEFAULT_COLUMN_FAMILY))) {
            names.add(RocksDB.DEFAULT_COLUMN_FAMILY);
        }
        return names;
    }

    private static byte[] name(ColumnFamilyHandle handle) {
        try {
            return handle.getName();
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T extends AbstractNativeReference> T keep(List<AbstractNativeReference> natives, T object) {
        natives.add(object);
        return object;
    }

    private static void release(List<AbstractNativeReference> natives) {
        for (int i = natives.size() - 1; i >= 0; i--) {
            natives.get(i).close();
        }
        natives.clear();
    }
}
