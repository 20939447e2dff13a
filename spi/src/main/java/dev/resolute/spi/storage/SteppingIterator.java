package dev.resolute.spi.storage;

import java.util.NoSuchElementException;

/**
 * What every engine's range iterator shares: it keeps one entry ahead, and runs each step and its close
 * under a lock (the snapshot's), so that closing the snapshot from another thread never frees a cursor in
 * the middle of a step. An engine supplies only how to step and how to free its cursor.
 */
public abstract class SteppingIterator implements KeyValueIterator {

    /** An iterator over nothing, for empty ranges. */
    public static final KeyValueIterator EMPTY = new KeyValueIterator() {
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

    private final Object lock;
    private KeyValue next;
    private boolean done;

    protected SteppingIterator(Object lock) {
        this.lock = lock;
    }

    /** The next entry in range, or null at its end; runs under the lock. The iterator closes after null or a throw. */
    protected abstract KeyValue step();

    /** Frees the engine's cursor; runs once, under the lock. */
    protected abstract void release();

    @Override
    public final boolean hasNext() {
        synchronized (lock) {
            if (next == null && !done) {
                try {
                    next = step();
                } catch (RuntimeException e) {
                    close();
                    throw e;
                }
                if (next == null) {
                    close();
                }
            }
            return next != null;
        }
    }

    @Override
    public final KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        KeyValue result = next;
        next = null;
        return result;
    }

    @Override
    public final void close() {
        synchronized (lock) {
            if (!done) {
                done = true;
                release();
            }
        }
    }
}
