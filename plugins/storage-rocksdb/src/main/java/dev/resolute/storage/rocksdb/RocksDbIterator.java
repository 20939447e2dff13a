package dev.resolute.storage.rocksdb;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import java.util.NoSuchElementException;
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
final class RocksDbIterator implements KeyValueIterator {

    static final KeyValueIterator EMPTY = new KeyValueIterator() {
        @Override
        public boolean hasNext() {
            return false;
        }

        @Override
        public KeyValue next() {
            throw new NoSuchElementException();
        }

        @Override
        public void close() {
        }
    };

    private final RocksDbSnapshot snapshot;
    private final ReadOptions options;
    private final Slice lower;
    private final Slice upper;
    private final RocksIterator iterator;
    private final boolean reverse;
    private KeyValue next;
    private boolean started;
    private boolean done;

    RocksDbIterator(RocksDbSnapshot snapshot, RocksDB db, ColumnFamilyHandle handle, org.rocksdb.Snapshot at, KeyRange range, boolean reverse) {
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
    public boolean hasNext() {
        synchronized (snapshot) {
            if (next == null && !done) {
                advance();
            }
            return next != null;
        }
    }

    @Override
    public KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        KeyValue result = next;
        next = null;
        return result;
    }

    @Override
    public void close() {
        synchronized (snapshot) {
            if (!done) {
                done = true;
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
        }
    }

    private void advance() {
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
            next = new KeyValue(iterator.key(), iterator.value());
            return;
        }
        try {
            iterator.status(); // the end, or an error such as a failed checksum
        } catch (RocksDBException e) {
            throw RocksDbErrors.map(e, snapshot.storage().directory(), "iterating");
        } finally {
            close();
        }
    }
}
