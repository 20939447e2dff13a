package dev.resolute.worker.browse;

import dev.resolute.spi.browse.FailureGroup;
import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.tables.CompletionCounts.Ending;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups the failures of invocations created in a time range: those that completed failed (not killed or cancelled:
 * those were ended on purpose) by their completion failure, and those still failing (backing off, paused) by their
 * last failure, whose stack trace is left out. Counted per equal slice of the creation range.
 */
final class FailureGroups {
    private record Key(String service, String handler, String status, String errorCode, String message) {
    }

    private static final class Group {
        final long[] buckets;
        long count;
        long firstSeen = Long.MAX_VALUE;
        long lastSeen = Long.MIN_VALUE;

        Group(int buckets) {
            this.buckets = new long[buckets];
        }
    }

    private final long from;
    private final long to;
    private final int bucketCount;
    private final Map<Key, Group> groups = new LinkedHashMap<>();

    /** @throws IllegalArgumentException unless from &lt; to and 1 ≤ buckets ≤ 1000 */
    FailureGroups(Instant from, Instant to, int buckets) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the range must end after it starts: from " + from + ", to " + to);
        }
        if (buckets < 1 || buckets > 1000) {
            throw new IllegalArgumentException("buckets must be between 1 and 1000, was " + buckets);
        }
        this.from = Math.max(0, from.toEpochMilli());
        this.to = Math.max(this.from + 1, to.toEpochMilli());
        this.bucketCount = buckets;
    }

    long fromMillis() {
        return from;
    }

    long toMillis() {
        return to;
    }

    void add(Listed listed) {
        InvocationStatus status = listed.status();
        Optional<Key> key = key(listed);
        if (key.isEmpty()) {
            return;
        }
        Group group = groups.computeIfAbsent(key.get(), k -> new Group(bucketCount));
        long seen = status.getPhase() == Phase.COMPLETED ? status.getCompletedAt() : status.getModifiedAt();
        group.count++;
        group.buckets[(int) Math.min(bucketCount - 1, Math.max(0, (status.getCreatedAt() - from) * bucketCount / (to - from)))]++;
        group.firstSeen = Math.min(group.firstSeen, seen);
        group.lastSeen = Math.max(group.lastSeen, seen);
    }

    /** The groups, biggest first (then the most recently seen). */
    List<FailureGroup> groups() {
        return groups.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Key, Group> e) -> e.getValue().count).reversed()
                        .thenComparing(e -> e.getValue().lastSeen, Comparator.reverseOrder()))
                .map(e -> {
                    Key k = e.getKey();
                    Group g = e.getValue();
                    return new FailureGroup(k.service(), k.handler(), k.status(), k.errorCode(), k.message(), g.count,
                            Arrays.stream(g.buckets).boxed().toList(), Instant.ofEpochMilli(g.firstSeen), Instant.ofEpochMilli(g.lastSeen));
                }).toList();
    }

    private static Optional<Key> key(Listed listed) {
        InvocationStatus status = listed.status();
        String service = status.getTarget().getService();
        String handler = status.getTarget().getHandler();
        if (status.getPhase() == Phase.COMPLETED) {
            if (Ending.of(status.getOutcome()) != Ending.FAILED) {
                return Optional.empty();
            }
            Failure failure = status.getOutcome().getFailure();
            return Optional.of(new Key(service, handler, "failed", Integer.toString(failure.getCode()), failure.getMessage()));
        }
        if ((!listed.uiStatus().equals("backing-off") && !listed.uiStatus().equals("paused")) || status.getLastFailure().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(lastFailure(service, handler, listed.uiStatus(), status.getLastFailure()));
    }

    /** {@code [code] message}, then the stack trace on the next lines (how the retries store it). */
    private static Key lastFailure(String service, String handler, String status, String text) {
        int newline = text.indexOf('\n');
        String firstLine = newline < 0 ? text : text.substring(0, newline);
        int close = firstLine.indexOf("] ");
        if (firstLine.startsWith("[") && close > 0) {
            return new Key(service, handler, status, firstLine.substring(1, close), firstLine.substring(close + 2));
        }
        return new Key(service, handler, status, "", firstLine);
    }
}
