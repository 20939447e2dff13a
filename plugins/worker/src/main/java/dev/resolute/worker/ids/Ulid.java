package dev.resolute.worker.ids;

import java.util.random.RandomGenerator;

/** ULIDs as two longs: milliseconds since the epoch in the top 48 bits, then 80 random bits. */
final class Ulid {
    private static final long MAX_MILLIS = (1L << 48) - 1;

    private Ulid() {
    }

    /** @return {high, low} */
    static long[] generate(long epochMillis, RandomGenerator random) {
        if (epochMillis < 0 || epochMillis > MAX_MILLIS) {
            throw new IllegalArgumentException("a ULID's time must be 0 to " + MAX_MILLIS + " ms, got " + epochMillis);
        }
        return new long[] {epochMillis << 16 | (random.nextLong() & 0xFFFF), random.nextLong()};
    }

    static long millis(long high) {
        return high >>> 16;
    }
}
