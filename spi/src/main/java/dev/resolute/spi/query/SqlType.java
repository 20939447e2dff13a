package dev.resolute.spi.query;

/**
 * The value types of introspection columns and query results, after Restate's Arrow types (reference §5), with the
 * Java class a row holds for each. A {@code null} is always allowed and means the value is absent.
 */
public enum SqlType {
    /** Text ({@link String}); Arrow LargeUtf8. */
    UTF8,
    /** {@link Boolean}. */
    BOOLEAN,
    /** An unsigned 32-bit number held in a {@link Long}. */
    UINT32,
    /** An unsigned 64-bit number held in a {@link Long} (partition keys use all 64 bits: compare unsigned). */
    UINT64,
    /** A signed 64-bit number ({@link Long}): counts and sums. */
    INT64,
    /** A double ({@link Double}): averages and other computed numbers. */
    FLOAT64,
    /** An instant with millisecond precision ({@link java.time.Instant}); Arrow Timestamp(ms, UTC). */
    TIMESTAMP,
    /** A length of time with millisecond precision ({@link java.time.Duration}); Arrow Duration(ms). */
    DURATION,
    /** Raw bytes ({@code byte[]}); Arrow Binary. */
    BINARY,
    /** A list of texts ({@code List<String>}). */
    UTF8_LIST,
    /** A list of unsigned 32-bit numbers ({@code List<Long>}). */
    UINT32_LIST
}
