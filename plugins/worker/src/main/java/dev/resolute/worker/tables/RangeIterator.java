package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A table's rows in some key ranges of a snapshot, decoded one at a time as they are read: a range's cursor opens
 * when the previous range is exhausted and closes at its end (closing the snapshot closes one left open).
 */
final class RangeIterator<T> implements Iterator<T> {
    private final Snapshot snapshot;
    private final Keyspace keyspace;
    private final Iterator<KeyRange> ranges;
    private final Function<KeyValue, T> decode;
    private KeyValueIterator current;

    RangeIterator(Snapshot snapshot, Keyspace keyspace, List<KeyRange> ranges, Function<KeyValue, T> decode) {
        this.snapshot = snapshot;
        this.keyspace = keyspace;
        this.ranges = List.copyOf(ranges).iterator();
        this.decode = decode;
    }

    @Override
    public boolean hasNext() {
        while (current == null || !current.hasNext()) {
            if (current != null) {
                current.close();
                current = null;
            }
            if (!ranges.hasNext()) {
                return false;
            }
            current = snapshot.scan(keyspace, ranges.next());
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return decode.apply(current.next());
    }
}
