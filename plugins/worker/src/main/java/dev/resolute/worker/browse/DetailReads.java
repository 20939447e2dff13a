package dev.resolute.worker.browse;

import dev.resolute.spi.browse.JournalEntryDetail;
import dev.resolute.spi.browse.RowPage;
import java.util.Optional;

/** Journal windows and object state pages. TODO(issue 12, helper worker-live): build. */
public final class DetailReads {
    RowPage journal(String invocationId, int from, int limit) {
        throw new UnsupportedOperationException("not built yet");
    }

    Optional<JournalEntryDetail> journalEntry(String invocationId, int index) {
        throw new UnsupportedOperationException("not built yet");
    }

    RowPage stateKeys(String service, Optional<String> after, int limit) {
        throw new UnsupportedOperationException("not built yet");
    }

    RowPage state(String service, String objectKey, Optional<String> after, int limit, int inlineLimit) {
        throw new UnsupportedOperationException("not built yet");
    }

    Optional<byte[]> stateValue(String service, String objectKey, String key) {
        throw new UnsupportedOperationException("not built yet");
    }
}
