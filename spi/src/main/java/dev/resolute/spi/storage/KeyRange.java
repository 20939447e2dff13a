package dev.resolute.spi.storage;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A half-open range of keys {@code [start, end)} in {@link Keys#compare} order, with an optional end.
 * Immutable; the arrays are copied in and out.
 */
public final class KeyRange {

    private static final byte[] EMPTY = new byte[0];
    private static final KeyRange ALL = new KeyRange(EMPTY, null);

    private final byte[] start;
    private final byte[] end;

    private KeyRange(byte[] start, byte[] end) {
        this.start = start;
        this.end = end;
    }

    /** Every key. */
    public static KeyRange all() {
        return ALL;
    }

    /** Keys {@code >= start}. */
    public static KeyRange atLeast(byte[] start) {
        return new KeyRange(bound(start, "start"), null);
    }

    /** Keys {@code >= start} and {@code < end}; empty when {@code end <= start}. */
    public static KeyRange between(byte[] start, byte[] end) {
        return new KeyRange(bound(start, "start"), bound(end, "end"));
    }

    /** Keys that start with {@code prefix}; every key for an empty prefix. */
    public static KeyRange prefix(byte[] prefix) {
        byte[] start = bound(prefix, "prefix");
        int last = start.length - 1;
        while (last >= 0 && start[last] == (byte) 0xFF) {
            last--;
        }
        if (last < 0) {
            return new KeyRange(start, null); // all 0xFF (or empty): nothing sorts after every such key
        }
        byte[] end = Arrays.copyOf(start, last + 1);
        end[last]++;
        return new KeyRange(start, end);
    }

    /** The inclusive start; empty means from the first key. */
    public byte[] start() {
        return start.clone();
    }

    /** Whether the range ends before the last key. */
    public boolean hasEnd() {
        return end != null;
    }

    /**
     * The exclusive end.
     *
     * @throws NoSuchElementException if {@link #hasEnd()} is false
     */
    public byte[] end() {
        if (end == null) {
            throw new NoSuchElementException("the range has no end");
        }
        return end.clone();
    }

    /** Whether {@code key} lies in the range. */
    public boolean contains(byte[] key) {
        return Keys.compare(key, start) >= 0 && (end == null || Keys.compare(key, end) < 0);
    }

    /** Whether no key can lie in the range. */
    public boolean isEmpty() {
        return end != null && Keys.compare(end, start) <= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRange r && Arrays.equals(start, r.start) && Arrays.equals(end, r.end);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(start) + Arrays.hashCode(end);
    }

    /** {@code [start, end)} in hex, {@code ''} for an empty start and {@code end} for no end. */
    @Override
    public String toString() {
        return "[" + (start.length == 0 ? "''" : hex(start)) + ", " + (end == null ? "end" : hex(end)) + ")";
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return s.toString();
    }

    private static byte[] bound(byte[] key, String name) {
        Objects.requireNonNull(key, name);
        if (key.length > Keys.MAX_SIZE) {
            throw new IllegalArgumentException("a range " + name + " must be at most " + Keys.MAX_SIZE + " bytes, this one is " + key.length);
        }
        return key.clone();
    }
}
