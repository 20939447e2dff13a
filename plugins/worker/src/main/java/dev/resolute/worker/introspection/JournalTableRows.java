package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.BINARY;
import static dev.resolute.spi.query.SqlType.BOOLEAN;
import static dev.resolute.spi.query.SqlType.TIMESTAMP;
import static dev.resolute.spi.query.SqlType.UINT32;
import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.tables.JournalTable;
import dev.resolute.worker.tables.KeyRanges;
import dev.resolute.worker.tables.Reads;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * {@code sys_journal}: one row per stored journal entry, as Restate shows V2 journals ({@code version} 2): the entry's
 * type and, for commands, its name; the V1-only columns ({@code completed}, {@code invoked_id}, {@code invoked_target},
 * {@code sleep_wakeup_at}, {@code promise_name}) stay null as they do in Restate for V2 entries; {@code entry_json}
 * and {@code entry_lite_json} hold the entry in Restate's journal models ({@link JournalEntryJson}). Pushed down:
 * {@code id} (the invocation's entries) and {@code partition_key}.
 */
final class JournalTableRows extends EngineTable {
    static final Columns COLUMNS = Columns.of("partition_key", UINT64, "id", UTF8, "index", UINT32,
            "entry_type", UTF8, "name", UTF8, "completed", BOOLEAN, "invoked_id", UTF8, "invoked_target", UTF8,
            "sleep_wakeup_at", TIMESTAMP, "promise_name", UTF8, "raw", BINARY, "raw_length", UINT64, "version", UINT32,
            "entry_json", UTF8, "entry_lite_json", UTF8, "appended_at", TIMESTAMP);

    JournalTableRows(EngineData data) {
        super(data, "sys_journal", COLUMNS);
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        List<KeyRange> ranges = filter.invocationIds("id")
                .map(ids -> ids.stream().map(KeyRanges::invocation).toList())
                .orElseGet(() -> filter.partitionRanges("partition_key", null));
        Reads reads = Reads.of(snapshot);
        return Lazy.map(data.tables().journal().rows(snapshot, ranges), stored -> row(stored, reads));
    }

    private Object[] row(JournalTable.Row stored, Reads reads) {
        StoredEntry entry = new StoredEntry(stored);
        Optional<JournalEntryJson.Written> json = entry.json(new StoredCallees(data.tables(), reads, stored.id()));
        return entry.fill(row())
                .set("entry_json", json.map(JournalEntryJson.Written::full).orElse(null))
                .set("entry_lite_json", json.map(JournalEntryJson.Written::lite).orElse(null))
                .set("raw", entry.raw())
                .values();
    }
}
