package dev.resolute.worker.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.browse.CompletionBucket;
import dev.resolute.spi.browse.FailureGroup;
import dev.resolute.spi.browse.InvocationQuery;
import dev.resolute.spi.browse.InvocationSummary;
import dev.resolute.spi.browse.RowPage;
import dev.resolute.spi.browse.StatusCount;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.introspection.FsmDriver;
import dev.resolute.worker.introspection.InvocationRows;
import dev.resolute.worker.tables.ListingsCheck;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * The lists against a brute force over every {@code sys_invocation} row, after random histories on real storage:
 * paging through a random query returns every match exactly once, newest first, whatever the page size and scan
 * budget; counts and the summary equal the brute-force counts; and the listings equal a recount of the statuses, also
 * after being rebuilt from the statuses alone at recovery.
 */
class InvocationListsProperties {
    private static final List<String> STATUSES = List.copyOf(new java.util.TreeSet<>(InvocationQuery.STATUSES));

    @Property(tries = 100)
    void pagesCountsAndTheSummaryEqualABruteForce(@ForAll @Size(min = 20, max = 120) List<@IntRange(min = 0, max = 99_999) Integer> steps,
                                                  @ForAll long querySeed, @ForAll @IntRange(min = 1, max = 7) int limit,
                                                  @ForAll @IntRange(min = 0, max = 12) int extraBudget) throws Exception {
        Path dir = Files.createTempDirectory("lists-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of())) {
            FsmDriver driver = new FsmDriver(store.storage());
            RandomInvocations history = new RandomInvocations(driver);
            steps.forEach(history::step);
            InvocationLists lists = new InvocationLists(store.storage(), FsmDriver.PARTITIONS, id -> driver.running.contains(ByteBuffer.wrap(id)),
                    deployment -> Optional.empty());
            ListingsCheck.assertListingsMatchStatuses(store.storage(), driver.tables, FsmDriver.PARTITIONS);

            List<Map<String, Object>> all = driver.rows("sys_invocation");
            all.forEach(r -> Statistics.label("status").collect(uiStatus(r))); // every status appears, most often
            InvocationQuery query = randomQuery(new Random(querySeed), all, history, limit, limit + extraBudget);
            checkPagesAndCount(lists, query, all);
            checkSummary(lists, all, driver.now);
            checkFailures(lists, all, new Random(querySeed));

            ListingsCheck.forgetListings(store.storage(), driver.tables, FsmDriver.PARTITIONS); // as a store from before them
            recover(driver);
            ListingsCheck.assertListingsMatchStatuses(store.storage(), driver.tables, FsmDriver.PARTITIONS);
            checkPagesAndCount(lists, query, driver.rows("sys_invocation"));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void recover(FsmDriver driver) {
        for (int p = 0; p < FsmDriver.PARTITIONS; p++) {
            driver.apply(p, driver.command().setRecover(true).build());
        }
    }

    private static void checkPagesAndCount(InvocationLists lists, InvocationQuery query, List<Map<String, Object>> all) {
        List<String> expected = all.stream().filter(matcher(query)).sorted(NEWEST_FIRST).map(r -> (String) r.get("id")).toList();
        List<String> listed = new ArrayList<>();
        int id = InvocationRows.indexOf("id");
        Optional<String> cursor = Optional.empty();
        for (int pages = 0; ; pages++) {
            assertThat(pages).as("pages").isLessThan(10_000);
            RowPage page = lists.page(query.from(cursor));
            assertThat(page.rows()).hasSizeLessThanOrEqualTo(query.limit());
            assertThat(page.scanned()).isLessThanOrEqualTo(Math.max(query.scanBudget(), query.ids().size()));
            page.rows().forEach(row -> listed.add((String) row[id]));
            cursor = page.nextCursor();
            if (cursor.isEmpty()) {
                break;
            }
        }
        assertThat(listed).as("every match exactly once, newest first, for %s", query).isEqualTo(expected);
        assertThat(lists.count(query)).as("count of %s", query).isEqualTo(expected.size());
    }

    private static void checkSummary(InvocationLists lists, List<Map<String, Object>> all, long now) {
        Map<List<String>, Long> expected = new HashMap<>();
        for (Map<String, Object> row : all) {
            expected.merge(List.of((String) row.get("target_service_name"), (String) row.get("target_handler_name"), uiStatus(row)), 1L, Long::sum);
        }
        InvocationSummary summary = lists.summary(Instant.ofEpochMilli(now));
        Map<List<String>, Long> counted = new HashMap<>();
        for (StatusCount c : summary.counts()) {
            counted.put(List.of(c.service(), c.handler(), c.status()), c.count());
        }
        assertThat(counted).isEqualTo(expected);
        assertThat(summary.lastDay()).hasSize(24);
        for (CompletionBucket bucket : summary.lastDay()) {
            Instant end = bucket.start().plusSeconds(3600);
            Predicate<Map<String, Object>> inHour = r -> r.get("completed_at") instanceof Instant at && !at.isBefore(bucket.start()) && at.isBefore(end);
            assertThat(bucket.succeeded()).isEqualTo(all.stream().filter(inHour).filter(r -> uiStatus(r).equals("succeeded")).count());
            assertThat(bucket.failed()).isEqualTo(all.stream().filter(inHour).filter(r -> !uiStatus(r).equals("succeeded")).count());
        }
        assertThat(summary.lastDay().get(23).start()).isBeforeOrEqualTo(Instant.ofEpochMilli(now)).isAfter(Instant.ofEpochMilli(now).minusSeconds(3600));
    }

    private static void checkFailures(InvocationLists lists, List<Map<String, Object>> all, Random random) {
        if (all.isEmpty()) {
            return;
        }
        Instant a = (Instant) all.get(random.nextInt(all.size())).get("created_at");
        Instant b = (Instant) all.get(random.nextInt(all.size())).get("created_at");
        Instant from = a.isBefore(b) ? a : b;
        Instant to = (a.isBefore(b) ? b : a).plusMillis(1);
        Map<List<String>, Long> expected = new HashMap<>();
        for (Map<String, Object> row : all) {
            Instant created = (Instant) row.get("created_at");
            String status = uiStatus(row);
            String failure = status.equals("failed") ? (String) row.get("completion_failure")
                    : (status.equals("backing-off") || status.equals("paused")) ? (String) row.get("last_failure") : null;
            if (failure != null && !created.isBefore(from) && created.isBefore(to)) {
                // a completion failure is code and message; a last failure has the stack trace on the lines after
                String first = status.equals("failed") ? failure : failure.lines().findFirst().orElse("");
                expected.merge(List.of((String) row.get("target_service_name"), (String) row.get("target_handler_name"), status,
                        first.substring(1, first.indexOf(']')), first.substring(first.indexOf(']') + 2)), 1L, Long::sum);
            }
        }
        Map<List<String>, Long> grouped = new HashMap<>();
        for (FailureGroup g : lists.failures(from, to, 1 + random.nextInt(5))) {
            grouped.put(List.of(g.service(), g.handler(), g.status(), g.errorCode(), g.message()), g.count());
            assertThat(g.buckets().stream().mapToLong(Long::longValue).sum()).isEqualTo(g.count());
        }
        assertThat(grouped).as("failure groups of [%s, %s)", from, to).isEqualTo(expected);
    }

    /** Newest created first, then the greater id (its bytes, unsigned) first. */
    private static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator
            .comparing((Map<String, Object> r) -> (Instant) r.get("created_at"))
            .thenComparing(r -> InvocationId.parse((String) r.get("id")).toBytes(), Arrays::compareUnsigned).reversed();

    /** Restate UI's status model over the row's columns (web-ui.md §1.4). */
    static String uiStatus(Map<String, Object> row) {
        String status = (String) row.get("status");
        if (!status.equals("completed")) {
            return status;
        }
        if ("success".equals(row.get("completion_result"))) {
            return "succeeded";
        }
        String failure = ((String) row.get("completion_failure")).toLowerCase(Locale.ROOT);
        return failure.equals("[409] killed") ? "killed" : failure.equals("[409] canceled") || failure.equals("[409] cancelled") ? "cancelled" : "failed";
    }

    private static Predicate<Map<String, Object>> matcher(InvocationQuery q) {
        return r -> (q.ids().isEmpty() || q.ids().contains(r.get("id")))
                && (q.statuses().isEmpty() || q.statuses().contains(uiStatus(r)))
                && (q.services().isEmpty() || q.services().contains(r.get("target_service_name")))
                && (q.handlers().isEmpty() || q.handlers().contains(r.get("target_handler_name")))
                && q.key().map(k -> k.equals(r.get("target_service_key"))).orElse(true)
                && q.deployment().map(d -> d.equals(r.get("pinned_deployment_id")) || d.equals(r.get("last_attempt_deployment_id"))).orElse(true)
                && q.idempotencyKey().map(k -> k.equals(r.get("idempotency_key"))).orElse(true)
                && q.createdFrom().map(f -> !((Instant) r.get("created_at")).isBefore(f)).orElse(true)
                && q.createdBefore().map(b -> ((Instant) r.get("created_at")).isBefore(b)).orElse(true)
                && q.failureText().map(t -> contains(r.get("last_failure"), t) || contains(r.get("completion_failure"), t)).orElse(true);
    }

    private static boolean contains(Object text, String part) {
        return text instanceof String s && s.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** Each criterion with probability ½ (ids rarely), values drawn from what is stored, and sometimes from nothing stored. */
    private static InvocationQuery randomQuery(Random random, List<Map<String, Object>> all, RandomInvocations history, int limit, int budget) {
        List<String> ids = List.of();
        if (random.nextInt(6) == 0 && !history.ids.isEmpty()) {
            ids = random.ints(1 + random.nextInt(4), 0, history.ids.size()).mapToObj(i -> InvocationId.fromBytes(history.ids.get(i)).toString()).toList();
        }
        List<String> statuses = random.nextBoolean() ? List.of()
                : random.nextBoolean() ? List.of(STATUSES.get(random.nextInt(STATUSES.size())))
                : STATUSES.stream().filter(s -> random.nextInt(3) == 0).toList();
        if (random.nextInt(4) == 0) {
            statuses = List.of("pending", "scheduled", "ready", "running", "backing-off", "suspended", "paused").stream()
                    .filter(s -> random.nextBoolean()).toList(); // only non-completed ones: read through the active index
        }
        List<String> services = random.nextBoolean() ? List.of() : List.of(pickOf(random, List.of("Greeter", "Mailer", "Cart", "Nope")));
        List<String> handlers = random.nextInt(3) > 0 ? List.of() : List.of(pickOf(random, List.of("greet", "shout", "add", "send")));
        Optional<String> key = random.nextInt(3) > 0 ? Optional.empty() : Optional.of(pickOf(random, List.of("k1", "k2", "k3")));
        Optional<String> deployment = random.nextInt(5) > 0 ? Optional.empty()
                : Optional.of(random.nextBoolean() ? FsmDriver.DEPLOYMENT.getId() : "dp_other");
        Optional<String> idempotencyKey = random.nextInt(5) > 0 ? Optional.empty() : Optional.of("idem-" + random.nextInt(3));
        Optional<Instant> from = Optional.empty();
        Optional<Instant> before = Optional.empty();
        if (random.nextInt(3) == 0 && !all.isEmpty()) {
            Instant a = (Instant) all.get(random.nextInt(all.size())).get("created_at");
            Instant b = (Instant) all.get(random.nextInt(all.size())).get("created_at");
            from = random.nextBoolean() ? Optional.of(a.isBefore(b) ? a : b) : Optional.empty();
            before = random.nextBoolean() ? Optional.of((a.isBefore(b) ? b : a).plusMillis(random.nextInt(2))) : Optional.empty();
        }
        Optional<String> failure = random.nextInt(4) > 0 ? Optional.empty() : Optional.of(pickOf(random, List.of("BOOM", "timeout", "409", "second", "zzz")));
        return new InvocationQuery(ids, statuses, services, handlers, key, deployment, idempotencyKey, from, before, failure, Optional.empty(),
                limit, budget);
    }

    private static String pickOf(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
