package dev.resolute.worker.browse;

import dev.resolute.spi.browse.FailureGroup;
import dev.resolute.spi.browse.InvocationBrowser;
import dev.resolute.spi.browse.InvocationQuery;
import dev.resolute.spi.browse.InvocationSummary;
import dev.resolute.spi.browse.JournalEntryDetail;
import dev.resolute.spi.browse.RowPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The engine's {@link InvocationBrowser}: lists of invocations (through the creation-order index) from
 * {@link InvocationLists}, journals and object state from {@link DetailReads}.
 */
public final class EngineBrowser implements InvocationBrowser {
    private final InvocationLists lists;
    private final DetailReads details;

    public EngineBrowser(InvocationLists lists, DetailReads details) {
        this.lists = lists;
        this.details = details;
    }

    @Override
    public RowPage invocations(InvocationQuery query) {
        return lists.page(query);
    }

    @Override
    public long count(InvocationQuery query) {
        return lists.count(query);
    }

    @Override
    public InvocationSummary summary(Instant now) {
        return lists.summary(now);
    }

    @Override
    public List<FailureGroup> failures(Instant from, Instant to, int buckets) {
        return lists.failures(from, to, buckets);
    }

    @Override
    public RowPage journal(String invocationId, int from, int limit) {
        return details.journal(invocationId, from, limit);
    }

    @Override
    public Optional<JournalEntryDetail> journalEntry(String invocationId, int index) {
        return details.journalEntry(invocationId, index);
    }

    @Override
    public RowPage stateKeys(String service, Optional<String> after, int limit) {
        return details.stateKeys(service, after, limit);
    }

    @Override
    public RowPage state(String service, String objectKey, Optional<String> after, int limit, int inlineLimit) {
        return details.state(service, objectKey, after, limit, inlineLimit);
    }

    @Override
    public Optional<byte[]> stateValue(String service, String objectKey, String key) {
        return details.stateValue(service, objectKey, key);
    }
}
