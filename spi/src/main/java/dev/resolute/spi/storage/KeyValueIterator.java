package dev.resolute.spi.storage;

import java.util.Iterator;

/**
 * Entries of a range, read lazily from a {@link Snapshot} in key order (or reverse key order).
 * Implementors must read from the snapshot's point in time only, and release engine resources on
 * {@link #close()} (also when the snapshot closes first).
 */
public interface KeyValueIterator extends Iterator<KeyValue>, AutoCloseable {

    /** Releases the engine cursor. Idempotent. */
    @Override
    void close();
}
