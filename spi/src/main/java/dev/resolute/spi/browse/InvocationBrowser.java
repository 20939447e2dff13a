package dev.resolute.spi.browse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the engine's invocations, journals and object state page by page, for a user interface. Provided by the
 * worker; an endpoint declares it in {@code uses()} and finds it with {@link dev.resolute.spi.PluginContext#find}.
 *
 * <p>Every call reads one consistent storage snapshot and is safe from any thread. Invocation ids are written as
 * clients write them ({@code inv_…}); one that does not parse is an {@link IllegalArgumentException} saying what is
 * wrong, as is a cursor this browser did not make. Storage failures are
 * {@link dev.resolute.spi.storage.StorageException}s.
 */
public interface InvocationBrowser {

    /**
     * A page of invocations matching {@code query}, newest created first, each row holding the columns of
     * {@code sys_invocation} (reference §5) in their order; {@code status} is one of {@link InvocationQuery#STATUSES}.
     * Reads through an index in creation order, so the first page costs the same however many invocations are stored.
     */
    RowPage invocations(InvocationQuery query);

    /** How many invocations match {@code query}'s criteria (its cursor, limit and budget are ignored): reads them all. */
    long count(InvocationQuery query);

    /** Every stored invocation counted by handler and status, and the last 24 hours of completions before {@code now}. */
    InvocationSummary summary(Instant now);

    /**
     * The invocations created in [{@code from}, {@code to}) that failed or keep failing, grouped by handler, status,
     * error code and message, biggest group first, with their counts over {@code buckets} equal slices of the range.
     */
    List<FailureGroup> failures(Instant from, Instant to, int buckets);

    /**
     * Up to {@code limit} (1–1000) entries of the invocation's journal from index {@code from}, in index order, each row
     * holding the columns of {@code sys_journal} except {@code entry_json} and {@code raw}, then {@code value_length}
     * (UINT64, the main value's bytes, null without one) and {@code value_preview} (UTF8, its first 120 bytes as text,
     * null when absent or not UTF-8): no whole payload, so a window costs about the same whatever its entries hold (open
     * one with {@link #journalEntry}); the cursor is the next index as decimal text. A window of very large entries may
     * end before {@code limit} (an implementation may bound the bytes one call reads), with its cursor. An unknown invocation is an empty page.
     */
    RowPage journal(String invocationId, int from, int limit);

    /** One journal entry in full, or empty if the invocation or the entry is not stored. */
    Optional<JournalEntryDetail> journalEntry(String invocationId, int index);

    /**
     * Up to {@code limit} (1–1000) keys of a virtual object's or workflow's instances that hold state, in key order (of
     * their UTF-8 bytes), after {@code after} (exclusive); columns {@code service_key} (UTF8), {@code entries} and
     * {@code size} (UINT64: the number of state entries and their values' total length). The cursor is the last key of
     * the page.
     */
    RowPage stateKeys(String service, Optional<String> after, int limit);

    /**
     * Up to {@code limit} (1–1000) state entries of one instance in key order, after {@code after} (exclusive);
     * columns {@code key} (UTF8), {@code value_length} (UINT64) and {@code value} (BINARY, null when longer than
     * {@code inlineLimit}: read it with {@link #stateValue}). The cursor is the last key of the page.
     */
    RowPage state(String service, String objectKey, Optional<String> after, int limit, int inlineLimit);

    /** One state value in full, or empty if not stored. */
    Optional<byte[]> stateValue(String service, String objectKey, String key);
}
