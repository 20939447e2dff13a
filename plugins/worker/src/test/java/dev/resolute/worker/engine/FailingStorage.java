package dev.resolute.worker.engine;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.DelegatingStorage;
import dev.resolute.spi.storage.StorageException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A real store whose reads fail with an I/O error from the {@code failAt}-th read on, once armed. */
final class FailingStorage extends DelegatingStorage {
    private final AtomicLong reads = new AtomicLong();
    private volatile long failAt = Long.MAX_VALUE;

    FailingStorage(Storage delegate) {
        super(delegate);
    }

    /** Reads from the {@code n}-th one counted from now (1 = the next) fail. */
    void failFromRead(long n) {
        failAt = reads.get() + n;
    }

    private void read() {
        if (reads.incrementAndGet() >= failAt) {
            throw new StorageException(StorageException.Kind.IO, "injected read failure");
        }
    }

    @Override
    public Snapshot snapshot() {
        Snapshot snapshot = delegate.snapshot();
        return new Snapshot() {
            @Override
            public Optional<byte[]> get(Keyspace keyspace, byte[] key) {
                read();
                return snapshot.get(keyspace, key);
            }

            @Override
            public KeyValueIterator scan(Keyspace keyspace, KeyRange range) {
                read();
                return snapshot.scan(keyspace, range);
            }

            @Override
            public KeyValueIterator scanReverse(Keyspace keyspace, KeyRange range) {
                read();
                return snapshot.scanReverse(keyspace, range);
            }

            @Override
            public void close() {
                snapshot.close();
            }
        };
    }
}
