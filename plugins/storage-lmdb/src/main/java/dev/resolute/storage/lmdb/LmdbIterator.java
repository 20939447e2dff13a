package dev.resolute.storage.lmdb;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.SteppingIterator;
import java.nio.ByteBuffer;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;

/** A cursor walking a range of one snapshot; it locks the snapshot for each step (see {@link LmdbSnapshot}). */
final class LmdbIterator extends SteppingIterator {

    private final LmdbSnapshot snapshot;
    private final Cursor<ByteBuffer> cursor;
    private final byte[] start;
    private final byte[] end;
    private final boolean reverse;
    private boolean started;

    LmdbIterator(LmdbSnapshot snapshot, Cursor<ByteBuffer> cursor, KeyRange range, boolean reverse) {
        super(snapshot);
        this.snapshot = snapshot;
        this.cursor = cursor;
        this.start = range.start();
        this.end = range.hasEnd() ? range.end() : null;
        this.reverse = reverse;
    }

    @Override
    protected KeyValue step() {
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
                    return new KeyValue(Buffers.copy(key), Buffers.copy(cursor.val()));
                }
            }
            return null;
        } catch (LmdbException e) {
            throw LmdbErrors.map(e, snapshot.storage().directory(), "iterating");
        }
    }

    @Override
    protected void release() {
        cursor.close();
        snapshot.forget(this);
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
