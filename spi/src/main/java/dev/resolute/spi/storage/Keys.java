package dev.resolute.spi.storage;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/** Key rules every engine enforces the same way, so that the engine on top behaves the same on all. */
public final class Keys {

    /**
     * The longest key any engine accepts (LMDB's compiled-in limit). Keys are 1 to 511 bytes: empty
     * keys are not allowed, because LMDB cannot store them.
     */
    public static final int MAX_SIZE = 511;

    /** The most keyspaces one store holds (LMDB sizes a table for them when it opens). */
    public static final int MAX_KEYSPACES = 128;

    private static final Pattern KEYSPACE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private Keys() {
    }

    /**
     * Checks a keyspace name for {@link Storage#keyspace(String)}.
     *
     * @throws IllegalArgumentException unless it is 1-64 characters of {@code [a-z0-9_-]} starting with a letter or digit
     */
    public static String checkKeyspaceName(String name) {
        Objects.requireNonNull(name, "name");
        if (!KEYSPACE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("keyspace name \"" + name + "\" must be 1-64 characters of [a-z0-9_-], starting with a letter or digit");
        }
        return name;
    }

    /**
     * Checks a key that is written or looked up.
     *
     * @throws IllegalArgumentException unless the key is 1 to {@link #MAX_SIZE} bytes
     */
    public static byte[] check(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0 || key.length > MAX_SIZE) {
            throw new IllegalArgumentException("a key must be 1-" + MAX_SIZE + " bytes, this one is " + key.length);
        }
        return key;
    }

    /** The store's key order: unsigned lexicographic bytes, a proper prefix first. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
