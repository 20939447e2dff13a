package dev.resolute.spi.browse;

import java.time.Instant;
import java.util.List;

/**
 * Invocations that failed, or keep failing, the same way: same handler, error code and message.
 *
 * @param status    {@code failed} (completed with this failure; cancelled and killed are not failures here), or the
 *                  status of invocations still failing: {@code backing-off}, {@code paused}
 * @param errorCode the error code ({@code 500}, or a Restate code such as {@code RT0007}); empty text if none
 * @param message   the failure message as stored, without stack trace
 * @param count     how many invocations of the range are in this group
 * @param buckets   the group's count per equal slice of the asked range, oldest first (a sparkline)
 * @param firstSeen the earliest failure of the group in the range
 * @param lastSeen  the latest failure of the group in the range
 */
public record FailureGroup(String service, String handler, String status, String errorCode, String message, long count,
                           List<Long> buckets, Instant firstSeen, Instant lastSeen) {
    public FailureGroup {
        buckets = List.copyOf(buckets);
    }
}
