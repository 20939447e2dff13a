package dev.resolute.spi.schema;

/** What happens to an invocation whose retries are exhausted. */
public enum OnMaxAttempts {
    /** It goes to {@code paused}, resumable through the admin API. */
    PAUSE,
    /** It fails with the last error. */
    KILL
}
