package dev.resolute.storage.lmdb;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import java.nio.ByteBuffer;
import java.util.NoSuchElementException;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;

/** A cursor walking a range of one snapshot; it locks the snapshot for each step (see {@link LmdbSnapshot}). */
final class LmdbIterator implements KeyValueIterator {

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

    private final LmdbSnapshot snapshot;
    private final Cursor<ByteBuffer> cursor;
    private final byte[] start;
    private final byte[] end;
    private final boolean reverse;
    private KeyValue next;
    private boolean started;
    private boolean done;

    LmdbIterator(LmdbSnapshot snapshot, Cursor<ByteBuffer> cursor, KeyRange range, boolean reverse) {
        this.snapshot = snapshot;
        this.cursor = cursor;
        this.start = range.start();
        this.end = range.hasEnd() ? range.end() : null;
        this.reverse = reverse;
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
                cursor.close();
                snapshot.forget(this);
            }
        }
    }

    private void advance() {
        snapshot.ensureOpen();
        try {
            boolean found;
            if (started) {
                found = reverse ? cursor.prev() : cursor.next();
            } else {
                started = true;
                found = seek();
            }
            if (found) {
                ByteBuffer key = cursor.key();
                if (reverse ? Buffers.compare(key, start) >= 0 : end == null || Buffers.compare(key, end) < 0) {
                    next = new KeyValue(Buffers.copy(key), Buffers.copy(cursor.val()));
                    return;
                }
            }
            close();
        } catch (LmdbException e) {
            close();
            throw LmdbErrors.map(e, snapshot.storage().directory(), "iterating");
        }
    }

    /** Positions on the first entry in iteration order; the opposite bound is checked by the caller. */
    private boolean seek() {
        ByteBuffer key = snapshot.keyBuffer();
        if (!reverse) {
            return start.length == 0 ? cursor.first() : cursor.get(Buffers.fill(key, start), GetOp.MDB_SET_RANGE);
        }
        if (end == null) {
            return cursor.last();
        }
        return cursor.get(Buffers.fill(key, end), GetOp.MDB_SET_RANGE) ? cursor.prev() : cursor.last();
    }
}
