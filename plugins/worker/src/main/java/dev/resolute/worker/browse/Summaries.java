package dev.resolute.worker.browse;

import dev.resolute.spi.browse.CompletionBucket;
import dev.resolute.spi.browse.StatusCount;
import dev.resolute.worker.tables.CompletionCounts;
import dev.resolute.worker.tables.CompletionCounts.Ending;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The overview's numbers: counts by handler and status, and the last 24 hours of completions from the counters. */
final class Summaries {
    static final int HOURS = 24;

    private Summaries() {
    }

    /** Counts summed by service, handler and status, listed in that order. */
    static final class Counts {
        private record Key(String service, String handler, String status) implements Comparable<Key> {
            @Override
            public int compareTo(Key o) {
                int c = service.compareTo(o.service);
                c = c != 0 ? c : handler.compareTo(o.handler);
                return c != 0 ? c : status.compareTo(o.status);
            }
        }

        private final Map<Key, Long> counts = new TreeMap<>();

        void add(String service, String handler, String status, long count) {
            counts.merge(new Key(service, handler, status), count, Long::sum);
        }

        List<StatusCount> list() {
            return counts.entrySet().stream().map(e -> new StatusCount(e.getKey().service(), e.getKey().handler(), e.getKey().status(),
                    e.getValue())).toList();
        }
    }

    /**
     * The completions of the 24 hours up to {@code now}, oldest first: the hour holding {@code now} and the 23
     * before it (cancelled and killed count as failed). Only completions whose status is still stored are counted.
     */
    static List<CompletionBucket> lastDay(Reads reads, Tables tables, int partitionCount, Instant now) {
        long current = Math.floorDiv(now.toEpochMilli(), CompletionCounts.HOUR_MILLIS) * CompletionCounts.HOUR_MILLIS;
        long first = current - (HOURS - 1) * CompletionCounts.HOUR_MILLIS;
        long[] succeeded = new long[HOURS];
        long[] failed = new long[HOURS];
        for (int p = 0; p < partitionCount; p++) {
            tables.completionCounts().byHour(reads, p, Math.max(0, first), current + CompletionCounts.HOUR_MILLIS).forEach((hour, endings) -> {
                int at = (int) ((hour - first) / CompletionCounts.HOUR_MILLIS);
                endings.forEach((ending, n) -> {
                    if (ending == Ending.SUCCEEDED) {
                        succeeded[at] += n;
                    } else {
                        failed[at] += n;
                    }
                });
            });
        }
        List<CompletionBucket> buckets = new ArrayList<>(HOURS);
        for (int i = 0; i < HOURS; i++) {
            buckets.add(new CompletionBucket(Instant.ofEpochMilli(first + i * CompletionCounts.HOUR_MILLIS), succeeded[i], failed[i]));
        }
        return buckets;
    }
}
