package dev.resolute.schema;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/**
 * Restate's deployment ids: {@code dp_1} and a ULID (48-bit millisecond time, 80 random bits) as 22
 * base62 characters ({@code 0-9a-zA-Z}, most significant first, left-padded with {@code 0}). Restate
 * encodes the integer whose little-endian reading is the ULID's big-endian bytes, so the bytes are
 * reversed before encoding (restate-protocol.md §8.1).
 */
final class DeploymentIds {
    static final String PREFIX = "dp_1";
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int WIDTH = 22;
    private static final BigInteger BASE = BigInteger.valueOf(62);
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(128);
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeploymentIds() {
    }

    /** A fresh id whose ULID carries {@code now}. */
    static String next(Instant now) {
        byte[] ulid = new byte[16];
        RANDOM.nextBytes(ulid);
        long millis = now.toEpochMilli();
        for (int i = 0; i < 6; i++) {
            ulid[i] = (byte) (millis >>> (8 * (5 - i)));
        }
        return PREFIX + encode(ulid);
    }

    /** The 22 base62 characters of 16 big-endian bytes. */
    static String encode(byte[] bigEndian) {
        if (bigEndian.length != 16) {
            throw new IllegalArgumentException("expected 16 bytes, got " + bigEndian.length);
        }
        BigInteger value = new BigInteger(1, reversed(bigEndian));
        StringBuilder digits = new StringBuilder(WIDTH);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            digits.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        while (digits.length() < WIDTH) {
            digits.append('0');
        }
        return digits.reverse().toString();
    }

    /** Why {@code id} is not a deployment id, or empty if it is one. */
    static Optional<String> problem(String id) {
        if (!id.startsWith("dp_")) {
            return Optional.of("it must start with \"dp_\"");
        }
        if (!id.startsWith(PREFIX)) {
            return Optional.of("only id scheme version 1 (\"dp_1...\") exists");
        }
        String payload = id.substring(PREFIX.length());
        if (payload.length() != WIDTH) {
            return Optional.of("expected " + WIDTH + " base62 characters after \"" + PREFIX + "\", got " + payload.length());
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < payload.length(); i++) {
            int digit = ALPHABET.indexOf(payload.charAt(i));
            if (digit < 0) {
                return Optional.of("'" + payload.charAt(i) + "' is not a base62 character (0-9, a-z, A-Z)");
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        return value.compareTo(LIMIT) >= 0 ? Optional.of("the value does not fit in 128 bits") : Optional.empty();
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }
}
