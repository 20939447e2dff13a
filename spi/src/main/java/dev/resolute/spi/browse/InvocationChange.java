package dev.resolute.spi.browse;

/**
 * An invocation the engine changed in one commit: created, appended to its journal, retried, changed status or
 * deleted, with what it is now.
 *
 * @param invocationId  the id as clients write it ({@code inv_…})
 * @param status        one of {@link InvocationQuery#STATUSES}, or {@code deleted} once purged or cleaned up
 * @param journalLength the number of entries in its journal now
 * @param retryCount    how many attempts failed since the last success
 */
public record InvocationChange(String invocationId, String service, String handler, String status, int journalLength,
                               long retryCount) {
}
