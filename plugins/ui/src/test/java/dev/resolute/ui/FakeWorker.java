package dev.resolute.ui;

import dev.resolute.spi.browse.CompletionBucket;
import dev.resolute.spi.browse.FailureGroup;
import dev.resolute.spi.browse.InvocationBrowser;
import dev.resolute.spi.browse.InvocationChange;
import dev.resolute.spi.browse.InvocationChanges;
import dev.resolute.spi.browse.InvocationQuery;
import dev.resolute.spi.browse.InvocationSummary;
import dev.resolute.spi.browse.JournalEntryDetail;
import dev.resolute.spi.browse.RowPage;
import dev.resolute.spi.browse.StatusCount;
import dev.resolute.spi.invocation.ControlResult;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.invocation.ObjectStates;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The worker's UI-facing SPIs in memory: invocations (a few {@code sys_invocation} columns), journals, object state,
 * a change feed a test pushes into, and controls and state writes that record what they were asked.
 */
final class FakeWorker implements InvocationBrowser, InvocationChanges, InvocationControl, ObjectStates {
    static final List<TableColumn> INVOCATION = List.of(new TableColumn("id", SqlType.UTF8), new TableColumn("target_service_name", SqlType.UTF8),
            new TableColumn("target_handler_name", SqlType.UTF8), new TableColumn("target_service_key", SqlType.UTF8),
            new TableColumn("target_service_ty", SqlType.UTF8), new TableColumn("status", SqlType.UTF8),
            new TableColumn("created_at", SqlType.TIMESTAMP), new TableColumn("retry_count", SqlType.UINT64),
            new TableColumn("completion_failure", SqlType.UTF8));
    static final List<TableColumn> JOURNAL = List.of(new TableColumn("index", SqlType.UINT32), new TableColumn("entry_type", SqlType.UTF8),
            new TableColumn("name", SqlType.UTF8), new TableColumn("entry_lite_json", SqlType.UTF8));
    static final List<TableColumn> STATE = List.of(new TableColumn("key", SqlType.UTF8), new TableColumn("value_length", SqlType.UINT64),
            new TableColumn("value", SqlType.BINARY));

    /** Newest first. */
    final List<Object[]> invocations = new CopyOnWriteArrayList<>();
    final Map<String, List<JournalEntryDetail>> journals = new ConcurrentHashMap<>();
    final Map<String, TreeMap<String, byte[]>> states = new ConcurrentHashMap<>();
    final List<String> controlled = Collections.synchronizedList(new ArrayList<>());
    final List<Consumer<List<InvocationChange>>> listeners = new CopyOnWriteArrayList<>();
    volatile int watches;

    /** Adds an invocation, newer than those before. */
    FakeWorker invocation(String id, String service, String handler, String key, String status, Instant created) {
        invocations.add(0, new Object[] {id, service, handler, key, key == null ? "service" : "virtual_object", status, created, 0L, null});
        return this;
    }

    void push(InvocationChange... changes) {
        listeners.forEach(l -> l.accept(List.of(changes)));
    }

    /** Keyset pages as the worker's: the cursor is the creation time of the page's last row, the next page starts older. */
    @Override
    public RowPage invocations(InvocationQuery query) {
        Optional<Instant> below = query.cursor().map(Instant::parse);
        List<Object[]> matching = matching(query).stream().filter(row -> below.map(b -> ((Instant) row[6]).isBefore(b)).orElse(true)).toList();
        List<Object[]> page = matching.subList(0, Math.min(matching.size(), query.limit()));
        Optional<String> next = page.size() < matching.size() ? Optional.of(page.get(page.size() - 1)[6].toString()) : Optional.empty();
        return new RowPage(INVOCATION, page, next, page.size());
    }

    private List<Object[]> matching(InvocationQuery query) {
        return invocations.stream().filter(row -> (query.ids().isEmpty() || query.ids().contains((String) row[0]))
                && (query.services().isEmpty() || query.services().contains((String) row[1]))
                && (query.statuses().isEmpty() || query.statuses().contains((String) row[5]))).toList();
    }

    @Override
    public long count(InvocationQuery query) {
        return matching(query).size();
    }

    @Override
    public InvocationSummary summary(Instant now) {
        return new InvocationSummary(List.of(new StatusCount("Greeter", "greet", "succeeded", 3)),
                List.of(new CompletionBucket(Instant.parse("2026-12-03T15:00:00Z"), 2, 1)));
    }

    @Override
    public List<FailureGroup> failures(Instant from, Instant to, int buckets) {
        List<Long> counts = new ArrayList<>(Collections.nCopies(buckets, 0L));
        counts.set(buckets - 1, 2L);
        return List.of(new FailureGroup("Greeter", "greet", "backing-off", "500", "boom", 2, counts, to.minusSeconds(60), to.minusSeconds(1)));
    }

    @Override
    public RowPage journal(String invocationId, int from, int limit) {
        List<JournalEntryDetail> entries = journals.getOrDefault(invocationId, List.of());
        List<Object[]> rows = new ArrayList<>();
        for (int i = from; i < Math.min(entries.size(), from + limit); i++) {
            JournalEntryDetail e = entries.get(i);
            rows.add(new Object[] {(long) e.index(), e.entryType(), null, "{\"index\":" + e.index() + "}"});
        }
        int next = from + rows.size();
        return new RowPage(JOURNAL, rows, next < entries.size() ? Optional.of(Integer.toString(next)) : Optional.empty(), rows.size());
    }

    @Override
    public Optional<JournalEntryDetail> journalEntry(String invocationId, int index) {
        List<JournalEntryDetail> entries = journals.getOrDefault(invocationId, List.of());
        return index < entries.size() ? Optional.of(entries.get(index)) : Optional.empty();
    }

    @Override
    public RowPage stateKeys(String service, Optional<String> after, int limit) {
        List<TableColumn> columns = List.of(new TableColumn("service_key", SqlType.UTF8), new TableColumn("entries", SqlType.UINT64),
                new TableColumn("size", SqlType.UINT64));
        List<Object[]> rows = new ArrayList<>();
        new TreeMap<>(states).forEach((object, state) -> {
            if (object.startsWith(service + "/") && after.map(a -> object.substring(service.length() + 1).compareTo(a) > 0).orElse(true)) {
                rows.add(new Object[] {object.substring(service.length() + 1), (long) state.size(),
                        state.values().stream().mapToLong(v -> v.length).sum()});
            }
        });
        List<Object[]> page = rows.subList(0, Math.min(limit, rows.size()));
        return new RowPage(columns, page, rows.size() > limit ? Optional.of((String) page.get(page.size() - 1)[0]) : Optional.empty(), rows.size());
    }

    @Override
    public RowPage state(String service, String objectKey, Optional<String> after, int limit, int inlineLimit) {
        TreeMap<String, byte[]> state = states.getOrDefault(service + "/" + objectKey, new TreeMap<>());
        List<Object[]> rows = new ArrayList<>();
        (after.isPresent() ? state.tailMap(after.get(), false) : state).forEach((k, v) -> rows.add(new Object[] {k, (long) v.length,
                v.length > inlineLimit ? null : v}));
        List<Object[]> page = rows.subList(0, Math.min(limit, rows.size()));
        return new RowPage(STATE, page, rows.size() > limit ? Optional.of((String) page.get(page.size() - 1)[0]) : Optional.empty(), page.size());
    }

    @Override
    public Optional<byte[]> stateValue(String service, String objectKey, String key) {
        return Optional.ofNullable(states.getOrDefault(service + "/" + objectKey, new TreeMap<>()).get(key));
    }

    @Override
    public AutoCloseable watch(Consumer<List<InvocationChange>> listener) {
        watches++;
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private CompletableFuture<ControlResult> control(String operation, String id) {
        controlled.add(operation + " " + id);
        boolean known = invocations.stream().anyMatch(row -> row[0].equals(id));
        return CompletableFuture.supplyAsync(() -> known ? ControlResult.of(ControlResult.Kind.DONE, "")
                : ControlResult.of(ControlResult.Kind.NOT_FOUND, "The requested invocation '" + id + "' does not exist"));
    }

    @Override
    public CompletableFuture<ControlResult> cancel(String invocationId) {
        return control("cancel", invocationId);
    }

    @Override
    public CompletableFuture<ControlResult> kill(String invocationId) {
        return control("kill", invocationId);
    }

    @Override
    public CompletableFuture<ControlResult> pause(String invocationId) {
        return control("pause", invocationId);
    }

    @Override
    public CompletableFuture<ControlResult> resume(String invocationId, String deployment) {
        return control("resume(" + deployment + ")", invocationId);
    }

    @Override
    public CompletableFuture<ControlResult> restartAsNew(String invocationId, int from, String deployment) {
        return control("restart-as-new(" + from + "," + deployment + ")", invocationId);
    }

    /** Forgets the invocation, as the engine does: later pages no longer hold it. */
    @Override
    public CompletableFuture<ControlResult> purge(String invocationId) {
        CompletableFuture<ControlResult> result = control("purge", invocationId);
        invocations.removeIf(row -> row[0].equals(invocationId));
        return result;
    }

    @Override
    public CompletableFuture<ControlResult> purgeJournal(String invocationId) {
        return control("purge-journal", invocationId);
    }

    @Override
    public CompletableFuture<Void> replaceState(String service, String key, Map<String, byte[]> newState, Optional<String> version) {
        controlled.add("replace " + service + "/" + key + " " + new TreeMap<>(newState).keySet() + " if " + version.orElse("any"));
        states.put(service + "/" + key, new TreeMap<>(newState));
        return CompletableFuture.completedFuture(null);
    }

    /** A node running this worker: every one of its SPIs handed to the ui plugin. */
    UiNode node(FakeSchemas schemas) {
        return new UiNode(schemas).with(InvocationBrowser.class, this).with(InvocationChanges.class, this)
                .with(InvocationControl.class, this).with(ObjectStates.class, this);
    }
}
