package dev.resolute.worker.browse;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.tables.CreationIndex;
import dev.resolute.worker.tables.CreationIndex.Position;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.BiFunction;

/**
 * The stored invocations a list considers, newest first, read as the list advances: from the creation-order index of
 * some partitions, merged; or, when a query names its ids or only non-completed invocations can match, from those
 * few statuses read and sorted.
 */
abstract class Candidates implements AutoCloseable {
    private static final Comparator<Position> NEWEST_FIRST = Position.OLDEST_FIRST.reversed();

    /** The next older candidate, or empty when none is left. */
    abstract Optional<Listed> next();

    /** How many stored statuses were read so far. */
    abstract long reads();

    /** Whether another candidate may follow (so a full page still gets a cursor). */
    abstract boolean more();

    @Override
    public void close() {
    }

    /** The statuses of {@code ids} (those stored), newest first, placed before {@code below} and created in [from, before). */
    static Candidates of(List<byte[]> ids, Reads reads, Tables tables, BiFunction<byte[], InvocationStatus, Listed> listed,
                         Optional<Position> below, long from, long before) {
        List<Listed> found = new ArrayList<>();
        for (byte[] id : ids) {
            tables.status().get(reads, id).ifPresent(status -> found.add(listed.apply(id, status)));
        }
        found.removeIf(l -> l.status().getCreatedAt() < from || l.status().getCreatedAt() >= before
                || below.isPresent() && Position.OLDEST_FIRST.compare(l.position(), below.get()) >= 0);
        found.sort(Comparator.comparing(Listed::position, NEWEST_FIRST));
        Iterator<Listed> it = found.iterator();
        long read = ids.size();
        return new Candidates() {
            @Override
            Optional<Listed> next() {
                return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
            }

            @Override
            long reads() {
                return read;
            }

            @Override
            boolean more() {
                return it.hasNext();
            }
        };
    }

    /** The non-completed invocations in {@code ranges} of the active index, if there are at most {@code max}. */
    static Optional<List<byte[]>> activeIds(Snapshot snapshot, Tables tables, List<KeyRange> ranges, long max) {
        List<byte[]> ids = new ArrayList<>();
        Iterator<byte[]> it = tables.active().ids(snapshot, ranges);
        while (it.hasNext()) {
            if (ids.size() == max) {
                return Optional.empty();
            }
            ids.add(it.next());
        }
        return Optional.of(ids);
    }

    /** A creation-order index ({@code created} or {@code failed}) of {@code partitions} merged newest first, each entry's status read as it comes. */
    static Candidates merged(Snapshot snapshot, Tables tables, CreationIndex index, List<Integer> partitions,
                             BiFunction<byte[], InvocationStatus, Listed> listed, Optional<Position> below, long from, long before) {
        return new Merged(snapshot, tables, index, partitions, listed, below, from, before);
    }

    private static final class Merged extends Candidates {
        private record Head(Position position, CreationIndex.Newest rest) {
        }

        private final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::position, NEWEST_FIRST));
        private final List<CreationIndex.Newest> open = new ArrayList<>();
        private final Reads reads;
        private final Tables tables;
        private final BiFunction<byte[], InvocationStatus, Listed> listed;
        private long read;

        Merged(Snapshot snapshot, Tables tables, CreationIndex index, List<Integer> partitions, BiFunction<byte[], InvocationStatus, Listed> listed,
               Optional<Position> below, long from, long before) {
            this.reads = Reads.of(snapshot);
            this.tables = tables;
            this.listed = listed;
            for (int partition : partitions) {
                CreationIndex.Newest newest = index.newestFirst(snapshot, partition, from, before, below);
                open.add(newest);
                newest.next().ifPresent(p -> heads.add(new Head(p, newest)));
            }
        }

        @Override
        Optional<Listed> next() {
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                head.rest().next().ifPresent(p -> heads.add(new Head(p, head.rest())));
                read++;
                byte[] id = head.position().id();
                Optional<InvocationStatus> status = tables.status().get(reads, id);
                if (status.isPresent()) { // always, as the index is written with the statuses
                    return Optional.of(listed.apply(id, status.get()));
                }
            }
            return Optional.empty();
        }

        @Override
        long reads() {
            return read;
        }

        @Override
        boolean more() {
            return !heads.isEmpty();
        }

        @Override
        public void close() {
            open.forEach(CreationIndex.Newest::close);
        }
    }
}
