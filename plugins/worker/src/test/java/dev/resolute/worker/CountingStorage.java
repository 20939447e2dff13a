package dev.resolute.worker;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A real store that counts the rows read from each keyspace (every get, every row a scan hands out) and the open snapshots. */
public final class CountingStorage extends DelegatingStorage {
    public final Map<String, AtomicLong> rowsRead = new ConcurrentHashMap<>();
    public final AtomicInteger openSnapshots = new AtomicInteger();

    public CountingStorage(Storage delegate) {
        super(delegate);
    }

    public long total() {
        return rowsRead.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private void read(Keyspace keyspace) {
        rowsRead.computeIfAbsent(keyspace.name(), k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public Snapshot snapshot() {
        Snapshot snapshot = delegate.snapshot();
        openSnapshots.incrementAndGet();
        return new Snapshot() {
            private boolean closed;

            @Override
            public Optional<byte[]> get(Keyspace keyspace, byte[] key) {
                read(keyspace);
                return snapshot.get(keyspace, key);
            }

            @Override
            public KeyValueIterator scan(Keyspace keyspace, KeyRange range) {
                return counted(keyspace, snapshot.scan(keyspace, range));
            }

            @Override
            public KeyValueIterator scanReverse(Keyspace keyspace, KeyRange range) {
                return counted(keyspace, snapshot.scanReverse(keyspace, range));
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    openSnapshots.decrementAndGet();
                }
                snapshot.close();
            }
        };
    }

    private KeyValueIterator counted(Keyspace keyspace, KeyValueIterator rows) {
        return new KeyValueIterator() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public KeyValue next() {
                read(keyspace);
                return rows.next();
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }
}
