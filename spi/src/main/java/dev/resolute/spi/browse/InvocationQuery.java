package dev.resolute.spi.browse;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which invocations to list, and which page. Every non-empty criterion must hold (AND); within a list, any value
 * (OR). Pages run newest first: by {@code created_at} descending, then by id.
 *
 * @param ids            only these invocation ids ({@code inv_…})
 * @param statuses       only these statuses, from {@link #STATUSES}
 * @param services       only invocations of these services
 * @param handlers       only invocations of these handlers (of any listed service)
 * @param key            only invocations of this object or workflow key
 * @param deployment     only invocations pinned to (or last attempted on) this deployment id ({@code dp_…})
 * @param idempotencyKey only invocations with this idempotency key
 * @param createdFrom    only invocations created at or after this instant
 * @param createdBefore  only invocations created before this instant
 * @param failureText    only invocations whose last failure or completion failure contains this text, ignoring case
 * @param cursor         where the page starts: a previous page's {@link RowPage#nextCursor()}, or empty for the newest
 * @param limit          at most this many rows (1–1000)
 * @param scanBudget     at most this many stored invocations are read; a page that runs out returns what it found and
 *                       a cursor to go on from
 */
public record InvocationQuery(List<String> ids, List<String> statuses, List<String> services, List<String> handlers,
                              Optional<String> key, Optional<String> deployment, Optional<String> idempotencyKey,
                              Optional<Instant> createdFrom, Optional<Instant> createdBefore, Optional<String> failureText,
                              Optional<String> cursor, int limit, int scanBudget) {

    /**
     * The statuses a user sees (Restate UI's model): not completed — {@code pending} (inboxed), {@code scheduled},
     * {@code ready}, {@code running}, {@code backing-off}, {@code suspended}, {@code paused}; completed —
     * {@code succeeded}, {@code failed}, {@code cancelled}, {@code killed}.
     */
    public static final Set<String> STATUSES = Set.of("pending", "scheduled", "ready", "running", "backing-off",
            "suspended", "paused", "succeeded", "failed", "cancelled", "killed");

    /** The first page of every invocation, 50 rows, reading at most 100 000. */
    public static final InvocationQuery ALL = new InvocationQuery(List.of(), List.of(), List.of(), List.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50, 100_000);

    public InvocationQuery {
        ids = List.copyOf(ids);
        statuses = List.copyOf(statuses);
        services = List.copyOf(services);
        handlers = List.copyOf(handlers);
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException("unknown status '" + status + "': expected one of " + STATUSES);
            }
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(createdFrom, "createdFrom");
        Objects.requireNonNull(createdBefore, "createdBefore");
        Objects.requireNonNull(failureText, "failureText");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
        }
        if (scanBudget < limit) {
            throw new IllegalArgumentException("scanBudget must be at least the limit, was " + scanBudget);
        }
    }

    /** The same criteria from {@code cursor} on. */
    public InvocationQuery from(Optional<String> cursor) {
        return new InvocationQuery(ids, statuses, services, handlers, key, deployment, idempotencyKey, createdFrom,
                createdBefore, failureText, cursor, limit, scanBudget);
    }
}
