package dev.resolute.spi.browse;

import java.util.Optional;

/**
 * One journal entry in full, read when a user opens it.
 *
 * @param entryJson the entry as {@code sys_journal.entry_json} shows it (Restate's journal model), with values over
 *                  the inline limit left out
 * @param value     the entry's main value as stored (an input's body, an output, a state value, a run's result, a
 *                  call's parameter or result), for download; empty if the entry carries none
 */
public record JournalEntryDetail(int index, String entryType, String entryJson, Optional<byte[]> value) {
}
