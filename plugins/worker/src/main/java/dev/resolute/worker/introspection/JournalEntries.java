package dev.resolute.worker.introspection;

import dev.resolute.spi.browse.JournalEntryDetail;
import dev.resolute.spi.query.TableColumn;
import dev.resolute.worker.tables.JournalTable;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import java.util.List;

/**
 * Journal entries as a user interface shows them, in the vocabulary of {@code sys_journal}: rows of a window without
 * the payloads (so a window costs the same whatever the entries hold), and one entry in full.
 */
public final class JournalEntries {
    private static final Columns WINDOW = JournalTableRows.COLUMNS.without("raw", "entry_json");

    private final Tables tables;

    public JournalEntries(Tables tables) {
        this.tables = tables;
    }

    /** The columns of {@link #windowRow}: those of {@code sys_journal} but {@code raw} and {@code entry_json}. */
    public static List<TableColumn> windowColumns() {
        return WINDOW.list();
    }

    /** One row of a journal window; {@code entry_lite_json} is written from the entry with its payloads left out. */
    public Object[] windowRow(Reads reads, JournalTable.Row stored) {
        StoredEntry entry = new StoredEntry(stored);
        return entry.fill(WINDOW.row())
                .set("entry_lite_json", entry.liteJson(new StoredCallees(tables, reads, stored.id())).orElse(null))
                .values();
    }

    /**
     * The entry in full: {@code entry_json} with payloads longer than {@code inlineLimit} left empty ({@code null} for
     * an entry the journal model has no form for), and its main payload whole.
     */
    public JournalEntryDetail detail(Reads reads, JournalTable.Row stored, int inlineLimit) {
        StoredEntry entry = new StoredEntry(stored);
        String json = entry.json(inlineLimit, new StoredCallees(tables, reads, stored.id())).orElse("null");
        return new JournalEntryDetail(entry.index(), entry.entryType(), json, entry.value().map(v -> v.toByteArray()));
    }
}
