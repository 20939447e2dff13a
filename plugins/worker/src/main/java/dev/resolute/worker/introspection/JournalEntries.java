package dev.resolute.worker.introspection;

import com.google.protobuf.ByteString;
import dev.resolute.spi.browse.JournalEntryDetail;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import dev.resolute.worker.tables.JournalTable;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Journal entries as a user interface shows them, in the vocabulary of {@code sys_journal}: rows of a window without
 * the payloads but a short preview of the main one (so a window costs about the same whatever the entries hold), and
 * one entry in full.
 */
public final class JournalEntries {
    /** The bytes of a main payload a window row previews. */
    public static final int PREVIEW_BYTES = 120;
    private static final Columns WINDOW = JournalTableRows.COLUMNS.without("raw", "entry_json")
            .and(Columns.of("value_length", SqlType.UINT64, "value_preview", SqlType.UTF8));

    private final Tables tables;

    public JournalEntries(Tables tables) {
        this.tables = tables;
    }

    /**
     * The columns of {@link #windowRow}: those of {@code sys_journal} but {@code raw} and {@code entry_json}, then
     * {@code value_length} and {@code value_preview} of the main payload.
     */
    public static List<TableColumn> windowColumns() {
        return WINDOW.list();
    }

    /**
     * One row of a journal window; {@code entry_lite_json} is written from the entry with its payloads left out, and
     * {@code value_preview} holds the first {@link #PREVIEW_BYTES} bytes of the main payload as text (null when
     * absent or not UTF-8), decoded from a prefix of the shared bytes only.
     */
    public Object[] windowRow(Reads reads, JournalTable.Row stored) {
        StoredEntry entry = new StoredEntry(stored);
        Optional<ByteString> value = entry.value();
        return entry.fill(WINDOW.row())
                .set("entry_lite_json", entry.liteJson(new StoredCallees(tables, reads, stored.id())).orElse(null))
                .set("value_length", value.map(v -> (long) v.size()).orElse(null))
                .set("value_preview", value.flatMap(JournalEntries::preview).orElse(null))
                .values();
    }

    /** The value's first bytes as text; a cut inside a character drops that character's start (at most 3 bytes). */
    static Optional<String> preview(ByteString value) {
        boolean cut = value.size() > PREVIEW_BYTES;
        ByteString prefix = value.substring(0, Math.min(value.size(), PREVIEW_BYTES));
        for (int drop = 0; drop <= (cut ? 3 : 0); drop++) {
            ByteBuffer bytes = prefix.substring(0, prefix.size() - drop).asReadOnlyByteBuffer();
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString());
            } catch (CharacterCodingException e) {
                // a shorter cut, or binary
            }
        }
        return Optional.empty();
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
