package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.TIMESTAMP;
import static dev.resolute.spi.query.SqlType.UINT32;
import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.spi.storage.Snapshot;
import java.util.Collections;
import java.util.Iterator;

/**
 * {@code sys_journal_events}: Restate's events beside a journal (an attempt's transient failures, paused
 * notices). The engine stores no such events (the last failure is in the status, shown by
 * {@code sys_invocation_state}), so the table has Restate's columns and no rows; queries naming it still plan.
 */
final class JournalEventsTable extends EngineTable {
    private static final Columns COLUMNS = Columns.of("partition_key", UINT64, "id", UTF8, "after_journal_entry_index", UINT32,
            "appended_at", TIMESTAMP, "event_type", UTF8, "event_json", UTF8);

    JournalEventsTable(EngineData data) {
        super(data, "sys_journal_events", COLUMNS);
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        return Collections.emptyIterator();
    }
}
