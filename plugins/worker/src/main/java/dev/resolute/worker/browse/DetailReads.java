package dev.resolute.worker.browse;

import dev.resolute.spi.browse.JournalEntryDetail;
import dev.resolute.spi.browse.RowPage;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.introspection.JournalEntries;
import dev.resolute.worker.tables.JournalTable;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.StateTable;
import dev.resolute.worker.tables.Tables;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Windows of a journal and pages of object state, each read from one snapshot and only as far as the page goes: a
 * journal window is one key range of the journal table (invocation id · index), an object's state page one key range
 * after the cursor. The instances of a service are the exception: state lies by partition key, so listing them in key
 * order reads the service's entries under every partition key (see {@link StateTable#objects}).
 */
public final class DetailReads {
    /** The most rows a page may ask for. */
    static final int MAX_LIMIT = 1000;
    /** A journal window stops once it has read this much (with a cursor), so huge entries cost a page each at most. */
    static final long WINDOW_BYTE_BUDGET = 32L << 20;
    /** The payloads a journal entry's {@code entry_json} holds inline; longer ones are read as its value. */
    static final int ENTRY_INLINE_LIMIT = 64 * 1024;
    private static final List<TableColumn> STATE_KEY_COLUMNS = List.of(new TableColumn("service_key", SqlType.UTF8),
            new TableColumn("entries", SqlType.UINT64), new TableColumn("size", SqlType.UINT64));
    private static final List<TableColumn> STATE_COLUMNS = List.of(new TableColumn("key", SqlType.UTF8),
            new TableColumn("value_length", SqlType.UINT64), new TableColumn("value", SqlType.BINARY));
    private static final Comparator<String> UTF8_ORDER = Comparator.comparing(DetailReads::utf8, Keys::compare);

    private final Storage storage;
    private final Tables tables;
    private final JournalEntries entries;

    public DetailReads(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.tables = new Tables(storage);
        this.entries = new JournalEntries(tables);
    }

    RowPage journal(String invocationId, int from, int limit) {
        byte[] id = invocation(invocationId);
        if (from < 0) {
            throw new IllegalArgumentException("from must be 0 or more, was " + from);
        }
        checkLimit(limit);
        List<Object[]> rows = new ArrayList<>();
        Optional<String> next = Optional.empty();
        long bytes = 0;
        try (Snapshot snapshot = storage.snapshot()) {
            Reads reads = Reads.of(snapshot);
            Iterator<JournalTable.Row> window = tables.journal().from(snapshot, id, from);
            while (window.hasNext()) {
                JournalTable.Row stored = window.next();
                if (rows.size() == limit || bytes >= WINDOW_BYTE_BUDGET) { // one more is stored: the next page starts there
                    next = Optional.of(Integer.toUnsignedString(stored.index()));
                    break;
                }
                rows.add(entries.windowRow(reads, stored));
                bytes += stored.entry().getPayload().size();
            }
        }
        return new RowPage(JournalEntries.windowColumns(), rows, next, rows.size() + (next.isPresent() ? 1 : 0));
    }

    Optional<JournalEntryDetail> journalEntry(String invocationId, int index) {
        byte[] id = invocation(invocationId);
        if (index < 0) {
            throw new IllegalArgumentException("index must be 0 or more, was " + index);
        }
        try (Snapshot snapshot = storage.snapshot()) {
            Reads reads = Reads.of(snapshot);
            return tables.journal().get(reads, id, index)
                    .map(entry -> entries.detail(reads, new JournalTable.Row(id, index, entry), ENTRY_INLINE_LIMIT));
        }
    }

    RowPage stateKeys(String service, Optional<String> after, int limit) {
        checkService(service);
        Objects.requireNonNull(after, "after");
        checkLimit(limit);
        List<StateTable.ObjectState> objects;
        try (Snapshot snapshot = storage.snapshot()) {
            objects = tables.state().objects(Reads.of(snapshot), service);
        }
        List<StateTable.ObjectState> following = objects.stream()
                .filter(o -> after.isEmpty() || UTF8_ORDER.compare(o.key(), after.get()) > 0)
                .sorted(Comparator.comparing(StateTable.ObjectState::key, UTF8_ORDER))
                .limit(limit + 1L)
                .toList();
        List<Object[]> rows = following.stream().limit(limit).map(o -> new Object[] {o.key(), o.entries(), o.size()}).toList();
        return new RowPage(STATE_KEY_COLUMNS, rows, cursor(following.size() > limit, rows), objects.size());
    }

    RowPage state(String service, String objectKey, Optional<String> after, int limit, int inlineLimit) {
        checkService(service);
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(after, "after");
        checkLimit(limit);
        if (inlineLimit < 0) {
            throw new IllegalArgumentException("inlineLimit must be 0 or more, was " + inlineLimit);
        }
        List<StateTable.Entry> read = new ArrayList<>(); // one more than the page, to know whether more follow
        try (Snapshot snapshot = storage.snapshot()) {
            tables.state().entriesAfter(Reads.of(snapshot), object(service, objectKey), after.map(DetailReads::utf8),
                    entry -> read.add(entry) && read.size() <= limit);
        }
        List<Object[]> rows = read.stream().limit(limit).map(entry -> new Object[] {new String(entry.key(), StandardCharsets.UTF_8),
                (long) entry.value().length, entry.value().length <= inlineLimit ? entry.value() : null}).toList();
        return new RowPage(STATE_COLUMNS, rows, cursor(read.size() > limit, rows), read.size());
    }

    Optional<byte[]> stateValue(String service, String objectKey, String key) {
        checkService(service);
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(key, "key");
        try (Snapshot snapshot = storage.snapshot()) {
            return tables.state().get(Reads.of(snapshot), object(service, objectKey), utf8(key));
        }
    }

    /** The last row's key when more follow. */
    private static Optional<String> cursor(boolean more, List<Object[]> rows) {
        return more ? Optional.of((String) rows.get(rows.size() - 1)[0]) : Optional.empty();
    }

    private static ObjectKey object(String service, String key) {
        return new ObjectKey(PartitionKeys.of(key), service, key);
    }

    private static byte[] invocation(String text) {
        Objects.requireNonNull(text, "invocationId");
        return InvocationId.parse(text).toBytes();
    }

    private static void checkService(String service) {
        if (Objects.requireNonNull(service, "service").isEmpty()) {
            throw new IllegalArgumentException("the service name is empty");
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
