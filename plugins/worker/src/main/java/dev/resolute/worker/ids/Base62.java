package dev.resolute.worker.ids;

/**
 * Restate's fixed-width base62 for ids: digits {@code 0-9a-zA-Z}, left-padded with '0' to 11 characters for
 * 8 bytes and 22 for 16. Restate encodes the integer whose little-endian reading gives the id's big-endian
 * bytes (a byte swap it picked up from {@code to_be()} on a little-endian host), so this class reverses the
 * bytes around the arithmetic. Numbers are held as 32-bit limbs, most significant first.
 */
final class Base62 {
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int BASE = 62;

    private Base62() {
    }

    /** Characters taken by a value of this many bytes (8 → 11, 16 → 22). */
    static int width(int bytes) {
        return (bytes * 8 + 5) / 6;
    }

    /** Appends the encoding of big-endian bytes (8 or 16 of them). */
    static void encode(byte[] bigEndian, StringBuilder out) {
        int[] limbs = toLimbs(reversed(bigEndian));
        char[] digits = new char[width(bigEndian.length)];
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt(divide(limbs));
        }
        out.append(digits);
    }

    /**
     * @return the big-endian bytes encoded at {@code text[from, from + width(bytes))}
     * @throws IllegalArgumentException naming the position of a character outside the alphabet, or if the
     *     characters encode a number wider than {@code bytes}
     */
    static byte[] decode(String text, int from, int bytes) {
        int[] limbs = new int[bytes / 4];
        int to = from + width(bytes);
        for (int i = from; i < to; i++) {
            int digit = ALPHABET.indexOf(text.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("'" + text.charAt(i) + "' at index " + i + " is not a base62 digit (0-9, a-z, A-Z)");
            }
            if (multiplyAdd(limbs, digit) != 0) {
                throw new IllegalArgumentException("characters " + from + " to " + (to - 1) + " encode a number wider than "
                        + bytes * 8 + " bits");
            }
        }
        return reversed(toBytes(limbs));
    }

    /** Divides in place; returns the remainder. */
    private static int divide(int[] limbs) {
        long remainder = 0;
        for (int i = 0; i < limbs.length; i++) {
            long current = (remainder << 32) | Integer.toUnsignedLong(limbs[i]);
            limbs[i] = (int) (current / BASE);
            remainder = current % BASE;
        }
        return (int) remainder;
    }

    /** limbs = limbs * 62 + digit in place; returns the carry out of the top limb (non-zero on overflow). */
    private static long multiplyAdd(int[] limbs, int digit) {
        long carry = digit;
        for (int i = limbs.length - 1; i >= 0; i--) {
            long current = Integer.toUnsignedLong(limbs[i]) * BASE + carry;
            limbs[i] = (int) current;
            carry = current >>> 32;
        }
        return carry;
    }

    private static int[] toLimbs(byte[] bigEndian) {
        int[] limbs = new int[bigEndian.length / 4];
        for (int i = 0; i < bigEndian.length; i++) {
            limbs[i / 4] = (limbs[i / 4] << 8) | (bigEndian[i] & 0xFF);
        }
        return limbs;
    }

    private static byte[] toBytes(int[] limbs) {
        byte[] bytes = new byte[limbs.length * 4];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (limbs[i / 4] >>> (24 - 8 * (i % 4)));
        }
        return bytes;
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }
}
