package dev.resolute.worker.ids;

import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * A deployment's id: a ULID (two longs of unsigned bits), written {@code dp_1} + base62 of its 16 bytes,
 * 26 characters, as Restate's admin API shows it (e.g. {@code dp_14gmVSea5Er4FDr55CeykRb}).
 */
public record DeploymentId(long high, long low) {
    private static final String PREFIX = "dp_1";
    private static final int LENGTH = PREFIX.length() + Base62.width(16);
    private static final String WHAT = "deployment id";

    /** A new id at this time; the caller supplies time and randomness so tests can pin both. */
    public static DeploymentId generate(long epochMillis, RandomGenerator random) {
        long[] ulid = Ulid.generate(epochMillis, random);
        return new DeploymentId(ulid[0], ulid[1]);
    }

    /** @throws IllegalArgumentException if the text is not a {@code dp_1} id; the message says why */
    public static DeploymentId parse(String text) {
        IdText.check(text, WHAT, PREFIX, LENGTH);
        ByteBuffer bytes = ByteBuffer.wrap(IdText.base62(text, WHAT, PREFIX.length(), 16));
        return new DeploymentId(bytes.getLong(), bytes.getLong());
    }

    /** When the id was generated, in milliseconds since the epoch. */
    public long epochMillis() {
        return Ulid.millis(high);
    }

    /** The {@code dp_1…} form. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(LENGTH).append(PREFIX);
        Base62.encode(ByteBuffer.allocate(16).putLong(high).putLong(low).array(), out);
        return out.toString();
    }
}
