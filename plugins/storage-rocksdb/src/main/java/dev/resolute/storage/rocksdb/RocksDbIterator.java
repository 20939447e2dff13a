package dev.resolute.storage.rocksdb;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.SteppingIterator;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A RocksDB iterator over a range of one snapshot, bounded natively (so it stops without reading past
 * the range); it locks the snapshot for each step (see {@link RocksDbSnapshot}).
 */
final class RocksDbIterator extends SteppingIterator {

    private final RocksDbSnapshot snapshot;
    private final ReadOptions options;
    private final Slice lower;
    private final Slice upper;
    private final RocksIterator iterator;
    private final boolean reverse;
    private boolean started;

    RocksDbIterator(RocksDbSnapshot snapshot, RocksDB db, ColumnFamilyHandle handle, org.rocksdb.Snapshot at, KeyRange range, boolean reverse) {
        super(snapshot);
        this.snapshot = snapshot;
        this.reverse = reverse;
        this.options = new ReadOptions().setSnapshot(at);
        byte[] start = range.start();
        this.lower = start.length == 0 ? null : new Slice(start);
        this.upper = range.hasEnd() ? new Slice(range.end()) : null;
        if (lower != null) {
            options.setIterateLowerBound(lower);
        }
        if (upper != null) {
            options.setIterateUpperBound(upper);
        }
        this.iterator = db.newIterator(handle, options);
    }

    @Override
    protected void release() {
        iterator.close();
        options.close();
        if (lower != null) {
            lower.close();
        }
        if (upper != null) {
            upper.close();
        }
        snapshot.forget(this);
    }

    @Override
    protected KeyValue step() {
        snapshot.ensureOpen();
        if (!started) {
            started = true;
            if (reverse) {
                iterator.seekToLast();
            } else {
                iterator.seekToFirst();
            }
        } else if (reverse) {
            iterator.prev();
        } else {
            iterator.next();
        }
        if (iterator.isValid()) {
            return new KeyValue(iterator.key(), iterator.value());
        }
        try {
            iterator.status(); // the end, or an error such as a failed checksum
        } catch (RocksDBException e) {
            throw RocksDbErrors.map(e, snapshot.storage().directory(), "iterating");
        }
        return null;
    }
}
