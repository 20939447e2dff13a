package dev.resolute.worker.browse;

import dev.resolute.spi.browse.FailureGroup;
import dev.resolute.spi.browse.InvocationQuery;
import dev.resolute.spi.browse.InvocationSummary;
import dev.resolute.spi.browse.RowPage;
import java.time.Instant;
import java.util.List;

/** Pages, counts, the summary and failure groups of invocations. TODO(issue 12, helper worker-pages): build. */
public final class InvocationLists {
    RowPage page(InvocationQuery query) {
        throw new UnsupportedOperationException("not built yet");
    }

    long count(InvocationQuery query) {
        throw new UnsupportedOperationException("not built yet");
    }

    InvocationSummary summary(Instant now) {
        throw new UnsupportedOperationException("not built yet");
    }

    List<FailureGroup> failures(Instant from, Instant to, int buckets) {
        throw new UnsupportedOperationException("not built yet");
    }
}
