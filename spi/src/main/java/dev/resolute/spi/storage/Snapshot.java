package dev.resolute.spi.storage;

import java.util.Optional;

/**
 * A consistent read view of a {@link Storage}: it sees exactly the batches committed before
 * {@link Storage#snapshot()} returned, whole, in every keyspace, and nothing committed later.
 * A keyspace created after the snapshot was taken reads as empty.
 *
 * <p>Use it from one thread at a time (it may move between threads). Close it promptly: it pins old
 * versions of the data (LMDB cannot reuse their pages, RocksDB cannot compact them away). Closing it
 * closes its open iterators; using it afterwards throws {@link StorageException.Kind#CLOSED}.
 *
 * <p>Implementors must return copies: arrays handed out stay valid after the snapshot closes.
 */
public interface Snapshot extends AutoCloseable {

    /**
     * The value of {@code key}, or empty if absent.
     *
     * @throws IllegalArgumentException if the key is not a valid key ({@link Keys#check})
     */
    Optional<byte[]> get(Keyspace keyspace, byte[] key);

    /** The entries of {@code range} in ascending key order. The caller must close the iterator (or the snapshot). */
    KeyValueIterator scan(Keyspace keyspace, KeyRange range);

    /** The entries of {@code range} in descending key order. The caller must close the iterator (or the snapshot). */
    KeyValueIterator scanReverse(Keyspace keyspace, KeyRange range);

    /** Releases the view and its iterators. Idempotent. */
    @Override
    void close();
}
