package dev.resolute.spi.browse;

/**
 * How many invocations of one handler are in one status.
 *
 * @param status one of {@link InvocationQuery#STATUSES}
 */
public record StatusCount(String service, String handler, String status, long count) {
}
