package dev.resolute.storage.rocksdb;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.SteppingIterator;
import dev.resolute.spi.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * A RocksDB snapshot. Every method synchronizes on the snapshot, so that {@link RocksDbStorage#close()}
 * can close it while another thread is using it without releasing native objects under that thread.
 */
final class RocksDbSnapshot implements Snapshot {

    private final RocksDbStorage storage;
    private final RocksDB db;
    private final org.rocksdb.Snapshot snapshot;
    private final ReadOptions options;
    private final List<RocksDbIterator> iterators = new ArrayList<>();
    private boolean closed;

    RocksDbSnapshot(RocksDbStorage storage, RocksDB db, org.rocksdb.Snapshot snapshot) {
        this.storage = storage;
        this.db = db;
        this.snapshot = snapshot;
        this.options = new ReadOptions().setSnapshot(snapshot);
    }

    @Override
    public synchronized Optional<byte[]> get(Keyspace keyspace, byte[] key) {
        RocksDbKeyspace ks = storage.own(keyspace);
        Keys.check(key);
        ensureOpen();
        try {
            return Optional.ofNullable(db.get(ks.handle(), options, key));
        } catch (RocksDBException e) {
            throw RocksDbErrors.map(e, storage.directory(), "reading");
        }
    }

    @Override
    public KeyValueIterator scan(Keyspace keyspace, KeyRange range) {
        return iterate(keyspace, range, false);
    }

    @Override
    public KeyValueIterator scanReverse(Keyspace keyspace, KeyRange range) {
        return iterate(keyspace, range, true);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        new ArrayList<>(iterators).forEach(RocksDbIterator::close);
        options.close();
        db.releaseSnapshot(snapshot);
        storage.forget(this);
    }

    private synchronized KeyValueIterator iterate(Keyspace keyspace, KeyRange range, boolean reverse) {
        RocksDbKeyspace ks = storage.own(keyspace);
        ensureOpen();
        if (range.isEmpty()) {
            return SteppingIterator.EMPTY;
        }
        RocksDbIterator iterator = new RocksDbIterator(this, db, ks.handle(), snapshot, range, reverse);
        iterators.add(iterator);
        return iterator;
    }

    void forget(RocksDbIterator iterator) {
        iterators.remove(iterator);
    }

    void ensureOpen() {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "the snapshot is closed");
        }
    }

    RocksDbStorage storage() {
        return storage;
    }
}
