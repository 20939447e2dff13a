package dev.resolute.worker.browse;

import dev.resolute.spi.browse.InvocationQuery;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.introspection.InvocationRows;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A query's criteria, parsed once: whether a stored invocation matches, and what narrows the reads (its ids, its
 * key's partition key, whether only non-completed statuses can match, its creation range).
 */
final class Criteria {
    /** The UI statuses of invocations that have not completed: the active index lists all of them. */
    static final Set<String> ACTIVE = Set.of("pending", "scheduled", "ready", "running", "backing-off", "suspended", "paused");
    private static final int LAST_FAILURE = InvocationRows.indexOf("last_failure");
    private static final int COMPLETION_FAILURE = InvocationRows.indexOf("completion_failure");

    final List<byte[]> ids;
    final Optional<String> key;
    final long from;
    final long before;
    private final Set<ByteBuffer> idSet = new LinkedHashSet<>();
    private final InvocationQuery query;
    private final Optional<String> failureText;

    /** @throws IllegalArgumentException naming an id that does not parse */
    Criteria(InvocationQuery query) {
        this.query = query;
        this.ids = query.ids().stream().map(text -> InvocationId.parse(text).toBytes()).toList();
        ids.forEach(id -> idSet.add(ByteBuffer.wrap(id)));
        this.key = query.key();
        this.from = query.createdFrom().map(Criteria::millis).orElse(0L);
        this.before = query.createdBefore().map(Criteria::millis).orElse(Long.MAX_VALUE);
        this.failureText = query.failureText().map(text -> text.toLowerCase(Locale.ROOT));
    }

    /** Whether only invocations that have not completed can match. */
    boolean activeOnly() {
        return !query.statuses().isEmpty() && ACTIVE.containsAll(query.statuses());
    }

    /** Whether only statuses, services and handlers are asked for: what the counters and the active index answer. */
    boolean countable() {
        return ids.isEmpty() && key.isEmpty() && query.deployment().isEmpty() && query.idempotencyKey().isEmpty()
                && query.createdFrom().isEmpty() && query.createdBefore().isEmpty() && failureText.isEmpty();
    }

    /** Whether a handler's invocations in {@code uiStatus} match. */
    boolean matches(String service, String handler, String uiStatus) {
        return (query.statuses().isEmpty() || query.statuses().contains(uiStatus))
                && (query.services().isEmpty() || query.services().contains(service))
                && (query.handlers().isEmpty() || query.handlers().contains(handler));
    }

    /** @param row the invocation's row, built only if a criterion reads it */
    boolean matches(Listed listed, Supplier<Object[]> row) {
        InvocationStatus status = listed.status();
        Target target = status.getTarget();
        if (!matches(target.getService(), target.getHandler(), listed.uiStatus())
                || (!idSet.isEmpty() && !idSet.contains(ByteBuffer.wrap(listed.id())))
                || status.getCreatedAt() < from || status.getCreatedAt() >= before
                || (key.isPresent() && (target.getKey().isEmpty() || !target.getKey().equals(key.get())))
                || (query.idempotencyKey().isPresent() && !query.idempotencyKey().get().equals(status.getIdempotencyKey()))
                || (query.deployment().isPresent() && (status.getAttempts() == 0 || !query.deployment().get().equals(status.getDeployment().getId())))) {
            return false;
        }
        if (failureText.isEmpty()) {
            return true;
        }
        Object[] values = row.get(); // the failures as the row shows them
        return contains(values[LAST_FAILURE], failureText.get()) || contains(values[COMPLETION_FAILURE], failureText.get());
    }

    private static boolean contains(Object text, String lowerCase) {
        return text instanceof String s && s.toLowerCase(Locale.ROOT).contains(lowerCase);
    }

    /** Epoch milliseconds, rounded up ({@code created_at} is stored in whole milliseconds); none before the epoch. */
    private static long millis(Instant instant) {
        if (instant.isBefore(Instant.EPOCH)) {
            return 0;
        }
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }
}
