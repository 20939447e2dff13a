package dev.resolute.spi.schema;

/**
 * An inclusive range of service protocol versions, as discovery manifests state them
 * ({@code minProtocolVersion}, {@code maxProtocolVersion}).
 *
 * @param min the oldest version, at least 1
 * @param max the newest version, at least {@code min}
 */
public record ProtocolRange(int min, int max) {

    /**
     * The versions this server speaks: the one place they are written. Discovery refuses a deployment
     * whose range does not {@linkplain #meets meet} it, and the engine negotiates within it.
     */
    public static final ProtocolRange SUPPORTED = new ProtocolRange(5, 7);

    public ProtocolRange {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("a protocol range needs 1 <= min <= max, got [" + min + ", " + max + "]");
        }
    }

    /** Whether {@code version} lies in this range. */
    public boolean contains(int version) {
        return version >= min && version <= max;
    }

    /** Whether the two ranges share at least one version. */
    public boolean meets(int otherMin, int otherMax) {
        return Math.max(min, otherMin) <= Math.min(max, otherMax);
    }

    /** {@code [min, max]}, as Restate prints a range in its messages. */
    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
