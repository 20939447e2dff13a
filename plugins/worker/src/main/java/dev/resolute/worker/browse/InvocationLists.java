package dev.resolute.worker.browse;

import dev.resolute.spi.browse.FailureGroup;
import dev.resolute.spi.browse.InvocationQuery;
import dev.resolute.spi.browse.InvocationSummary;
import dev.resolute.spi.browse.RowPage;
import dev.resolute.spi.browse.StatusCount;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.introspection.InvocationRows;
import dev.resolute.worker.tables.CompletionCounts;
import dev.resolute.worker.tables.CreationIndex.Position;
import dev.resolute.worker.tables.KeyRanges;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Pages, counts, the summary and failure groups of the stored invocations, each from one storage snapshot. Pages
 * merge the partitions' creation-order indexes newest first and read a status per candidate, so the first page of
 * an unfiltered list reads about one page of statuses however many are stored; counts by status read the completion
 * counters and the few non-completed invocations.
 */
public final class InvocationLists {
    private static final int STATUS = InvocationRows.indexOf("status");
    /** A page checks the counters first when no more invocations than this are running or waiting (reading them is cheap then). */
    private static final long COUNTED_ACTIVE_LIMIT = 10_000;

    private final Storage storage;
    private final Tables tables;
    private final int partitionCount;
    private final InvocationRows rows;

    /**
     * @param partitionCount how many partitions the engine writes
     * @param inFlight       whether an attempt of an invocation (its 24-byte id) runs now
     * @param sdkOf          the SDK a deployment (by id) introduced itself as, for {@code last_attempt_server}
     */
    public InvocationLists(Storage storage, int partitionCount, Predicate<byte[]> inFlight, Function<String, Optional<String>> sdkOf) {
        this.storage = storage;
        this.tables = new Tables(storage);
        this.partitionCount = partitionCount;
        this.rows = new InvocationRows(inFlight, sdkOf);
    }

    RowPage page(InvocationQuery query) {
        Criteria criteria = new Criteria(query);
        Optional<Position> below = query.cursor().map(PageCursor::decode);
        try (Snapshot snapshot = storage.snapshot()) {
            if (criteria.narrowsByCount() && countsOf(snapshot, COUNTED_ACTIVE_LIMIT).map(c -> matching(c, criteria) == 0).orElse(false)) {
                return new RowPage(InvocationRows.columns(), List.of(), Optional.empty(), 0); // the counters say nothing matches
            }
            return page(snapshot, query, criteria, below);
        }
    }

    private RowPage page(Snapshot snapshot, InvocationQuery query, Criteria criteria, Optional<Position> below) {
        try (Candidates candidates = candidates(snapshot, criteria, below, query.scanBudget())) {
            Reads reads = Reads.of(snapshot);
            List<Object[]> page = new ArrayList<>();
            long consumed = 0;
            Position last = null;
            while (page.size() < query.limit() && consumed < query.scanBudget()) {
                Optional<Listed> next = candidates.next();
                if (next.isEmpty()) {
                    return new RowPage(InvocationRows.columns(), page, Optional.empty(), Math.max(consumed, candidates.reads()));
                }
                consumed++;
                Listed listed = next.get();
                last = listed.position();
                RowOnce row = new RowOnce(reads, listed);
                if (criteria.matches(listed, row)) {
                    page.add(row.get());
                }
            }
            Optional<String> cursor = candidates.more() ? Optional.ofNullable(last).map(PageCursor::encode) : Optional.empty();
            return new RowPage(InvocationRows.columns(), page, cursor, Math.max(consumed, candidates.reads()));
        }
    }

    long count(InvocationQuery query) {
        Criteria criteria = new Criteria(query);
        try (Snapshot snapshot = storage.snapshot()) {
            if (criteria.countable()) {
                return matching(counts(snapshot), criteria);
            }
            Reads reads = Reads.of(snapshot);
            long count = 0;
            try (Candidates candidates = candidates(snapshot, criteria, Optional.empty(), Long.MAX_VALUE)) {
                for (Optional<Listed> next = candidates.next(); next.isPresent(); next = candidates.next()) {
                    Listed listed = next.get();
                    if (criteria.matches(listed, () -> row(reads, listed))) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    InvocationSummary summary(Instant now) {
        try (Snapshot snapshot = storage.snapshot()) {
            return new InvocationSummary(counts(snapshot), Summaries.lastDay(Reads.of(snapshot), tables, partitionCount, now));
        }
    }

    /** From the index of failed completions and the few invocations not completed: a cost of the failures, not of the range. */
    List<FailureGroup> failures(Instant from, Instant to, int buckets) {
        FailureGroups groups = new FailureGroups(from, to, buckets);
        try (Snapshot snapshot = storage.snapshot()) {
            Reads reads = Reads.of(snapshot);
            List<byte[]> active = Candidates.activeIds(snapshot, tables, List.of(KeyRange.all()), Long.MAX_VALUE).orElseThrow();
            for (Candidates candidates : List.of(
                    Candidates.merged(snapshot, tables, tables.failed(), allPartitions(), this::listed, Optional.empty(), groups.fromMillis(),
                            groups.toMillis()),
                    Candidates.of(active, reads, tables, this::listed, Optional.empty(), groups.fromMillis(), groups.toMillis()))) {
                try (candidates) {
                    for (Optional<Listed> next = candidates.next(); next.isPresent(); next = candidates.next()) {
                        groups.add(next.get());
                    }
                }
            }
        }
        return groups.groups();
    }

    private static long matching(List<StatusCount> counts, Criteria criteria) {
        return counts.stream().filter(c -> criteria.matches(c.service(), c.handler(), c.status())).mapToLong(StatusCount::count).sum();
    }

    private List<StatusCount> counts(Snapshot snapshot) {
        return countsOf(snapshot, Long.MAX_VALUE).orElseThrow();
    }

    /**
     * Every stored invocation counted by handler and UI status: completed ones from the counters, the others one by
     * one; empty if more than {@code maxActive} have not completed.
     */
    private Optional<List<StatusCount>> countsOf(Snapshot snapshot, long maxActive) {
        Optional<List<byte[]>> active = Candidates.activeIds(snapshot, tables, List.of(KeyRange.all()), maxActive);
        if (active.isEmpty()) {
            return Optional.empty();
        }
        Reads reads = Reads.of(snapshot);
        Summaries.Counts counts = new Summaries.Counts();
        for (int p = 0; p < partitionCount; p++) {
            for (CompletionCounts.HandlerCount c : tables.completionCounts().byHandler(reads, p)) {
                counts.add(c.service(), c.handler(), c.ending().status(), c.count());
            }
        }
        for (byte[] id : active.get()) {
            tables.status().get(reads, id).ifPresent(status ->
                    counts.add(status.getTarget().getService(), status.getTarget().getHandler(), listed(id, status).uiStatus(), 1));
        }
        return Optional.of(counts.list());
    }

    /**
     * The cheapest reads that find every match: the listed ids; else the few non-completed invocations when only
     * those can match; else the creation-order index of the key's partition, or of every partition.
     */
    private Candidates candidates(Snapshot snapshot, Criteria criteria, Optional<Position> below, long budget) {
        Reads reads = Reads.of(snapshot);
        if (!criteria.ids.isEmpty()) {
            return Candidates.of(criteria.ids, reads, tables, this::listed, below, criteria.from, criteria.before);
        }
        Optional<Long> partitionKey = criteria.key.map(PartitionKeys::of);
        if (criteria.activeOnly()) {
            List<KeyRange> ranges = List.of(partitionKey.map(KeyRanges::partitionKey).orElse(KeyRange.all()));
            Optional<List<byte[]>> active = Candidates.activeIds(snapshot, tables, ranges, budget);
            if (active.isPresent()) {
                return Candidates.of(active.get(), reads, tables, this::listed, below, criteria.from, criteria.before);
            }
        }
        List<Integer> partitions = partitionKey.map(key -> List.of(PartitionKeys.partitionOf(key, partitionCount))).orElseGet(this::allPartitions);
        return Candidates.merged(snapshot, tables, tables.created(), partitions, this::listed, below, criteria.from, criteria.before);
    }

    private List<Integer> allPartitions() {
        return IntStream.range(0, partitionCount).boxed().toList();
    }

    private Listed listed(byte[] id, InvocationStatus status) {
        return new Listed(id, status, rows.uiStatus(id, status));
    }

    /** The {@code sys_invocation} row with the UI's status. */
    private Object[] row(Reads reads, Listed listed) {
        Object[] row = rows.row(listed.id(), listed.status(), id -> tables.status().get(reads, id));
        row[STATUS] = listed.uiStatus();
        return row;
    }

    /** A candidate's row, built when a criterion or the page first needs it. */
    private final class RowOnce implements Supplier<Object[]> {
        private final Reads reads;
        private final Listed listed;
        private Object[] row;

        RowOnce(Reads reads, Listed listed) {
            this.reads = reads;
            this.listed = listed;
        }

        @Override
        public Object[] get() {
            if (row == null) {
                row = row(reads, listed);
            }
            return row;
        }
    }
}
