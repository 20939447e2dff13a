package dev.resolute.worker;

import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Storage;
import dev.resolute.spi.storage.StorageStats;
import dev.resolute.spi.storage.WriteBatch;

/** A real store that test wrappers watch through its snapshots: everything but {@link #snapshot()} is passed on. */
public abstract class DelegatingStorage implements Storage {
    protected final Storage delegate;

    protected DelegatingStorage(Storage delegate) {
        this.delegate = delegate;
    }

    @Override
    public String engine() {
        return delegate.engine();
    }

    @Override
    public Keyspace keyspace(String name) {
        return delegate.keyspace(name);
    }

    @Override
    public void commit(WriteBatch batch) {
        delegate.commit(batch);
    }

    @Override
    public StorageStats stats() {
        return delegate.stats();
    }
}
