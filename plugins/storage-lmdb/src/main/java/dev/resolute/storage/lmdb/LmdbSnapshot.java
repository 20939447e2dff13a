package dev.resolute.storage.lmdb;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.KeyspaceStats;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.SteppingIterator;
import dev.resolute.spi.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Stat;
import org.lmdbjava.Txn;

/**
 * A read transaction. Every method synchronizes on the snapshot, so that {@link LmdbStorage#close()}
 * can close it while another thread is using it without freeing the transaction under that thread.
 */
final class LmdbSnapshot implements Snapshot {

    private final LmdbStorage storage;
    private final LmdbReaders.Reader reader;
    private final Txn<ByteBuffer> txn;
    private final long stamp;
    private final long keyspaceSeq;
    private final List<LmdbIterator> iterators = new ArrayList<>();
    private boolean closed;

    LmdbSnapshot(LmdbStorage storage, LmdbReaders.Reader reader, long stamp, long keyspaceSeq) {
        this.storage = storage;
        this.reader = reader;
        this.txn = reader.txn();
        this.stamp = stamp;
        this.keyspaceSeq = keyspaceSeq;
    }

    @Override
    public synchronized Optional<byte[]> get(Keyspace keyspace, byte[] k) {
        LmdbKeyspace ks = storage.own(keyspace);
        Keys.check(k);
        ensureOpen();
        if (ks.seq() > keyspaceSeq) {
            return Optional.empty();
        }
        try {
            ByteBuffer value = ks.dbi().get(txn, Buffers.fill(reader.key(), k));
            return value == null ? Optional.empty() : Optional.of(Buffers.copy(value));
        } catch (LmdbException e) {
            throw LmdbErrors.map(e, storage.directory(), "reading");
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
        new ArrayList<>(iterators).forEach(LmdbIterator::close);
        storage.forget(this, reader, stamp);
    }

    synchronized KeyspaceStats stats(LmdbKeyspace keyspace) {
        ensureOpen();
        if (keyspace.seq() > keyspaceSeq) {
            return new KeyspaceStats(keyspace.name(), 0, 0);
        }
        Stat s = keyspace.dbi().stat(txn);
        return new KeyspaceStats(keyspace.name(), s.entries, (s.branchPages + s.leafPages + s.overflowPages) * s.pageSize);
    }

    private synchronized KeyValueIterator iterate(Keyspace keyspace, KeyRange range, boolean reverse) {
        LmdbKeyspace ks = storage.own(keyspace);
        ensureOpen();
        if (range.isEmpty() || ks.seq() > keyspaceSeq) {
            return SteppingIterator.EMPTY;
        }
        try {
            LmdbIterator iterator = new LmdbIterator(this, ks.dbi().openCursor(txn), range, reverse);
            iterators.add(iterator);
            return iterator;
        } catch (LmdbException e) {
            throw LmdbErrors.map(e, storage.directory(), "opening a cursor");
        }
    }

    /** For iterators, under this snapshot's lock: the key buffer and the cursor's lifetime. */
    ByteBuffer keyBuffer() {
        return reader.key();
    }

    void forget(LmdbIterator iterator) {
        iterators.remove(iterator);
    }

    void ensureOpen() {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "the snapshot is closed");
        }
    }

    LmdbStorage storage() {
        return storage;
    }
}
