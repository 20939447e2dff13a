package dev.resolute.spi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Byte sizes as Restate's configuration reads them (the {@code bytesize} crate): a plain number of bytes, or a
 * number with an optional fraction and a case-insensitive unit, with or without a space: {@code "32 MiB"},
 * {@code "1.5GiB"}, {@code "32 MB"} (decimal), {@code "1kb"}, {@code "4k"}, {@code "2Gi"}.
 */
public final class ByteSizes {
    private ByteSizes() {
    }

    /** Lowercase unit to bytes. As in bytesize, a bare letter (k, m, ...) is decimal; "i" makes it binary. */
    private static final Map<String, Long> UNITS = new HashMap<>();
    private static final String[] BINARY = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    static {
        UNITS.put("b", 1L);
        long decimal = 1;
        for (int i = 0; i < BINARY.length; i++) {
            String letter = BINARY[i].substring(0, 1).toLowerCase(Locale.ROOT);
            decimal *= 1000;
            long binary = 1L << (10 * (i + 1));
            UNITS.put(letter, decimal);
            UNITS.put(letter + "b", decimal);
            UNITS.put(letter + "i", binary);
            UNITS.put(letter + "ib", binary);
        }
    }

    /**
     * @return the size in bytes; a fraction is rounded to the nearest byte
     * @throws IllegalArgumentException if the text is not a size, is negative or does not fit in a long
     */
    public static long parse(String text) {
        int digitsFrom = text.startsWith("+") ? 1 : 0; // a plain count may carry a '+', as Rust's u64 parser allows
        if (digitsFrom < text.length() && text.substring(digitsFrom).chars().allMatch(ByteSizes::isDigit)) {
            try {
                return Long.parseLong(text.substring(digitsFrom));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("size too large");
            }
        }
        int end = 0;
        while (end < text.length() && (isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        String number = text.substring(0, end);
        // Rust's f64 syntax without exponent: "1", "1.", ".5", "1.5"
        if (!number.matches("[0-9]+\\.?[0-9]*|\\.[0-9]+")) {
            throw new IllegalArgumentException(number.isEmpty() ? "expected a number" : "not a number: " + number);
        }
        int unitFrom = end;
        while (unitFrom < text.length() && Character.isWhitespace(text.charAt(unitFrom))) {
            unitFrom++;
        }
        String unit = text.substring(unitFrom);
        // ASCII only: Locale.ROOT lowercasing would turn the Kelvin sign into 'k'
        Long factor = unit.chars().allMatch(c -> c < 128) ? UNITS.get(unit.toLowerCase(Locale.ROOT)) : null;
        if (factor == null) {
            throw new IllegalArgumentException(unit.isEmpty()
                    ? "missing unit (B, KiB, MiB, GiB, kB, MB, GB, ...)"
                    : "unknown unit \"" + unit + "\"");
        }
        BigDecimal bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_UP);
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size too large");
        }
    }

    /**
     * Restate's dump style, {@code "32.0 MiB"}, {@code "1.5 GiB"}, {@code "512 B"}, but always exact: the largest
     * binary unit that gives at most one decimal, else plain bytes ({@code "1537 B"}), so the text parses back to
     * the same count.
     *
     * @throws IllegalArgumentException if bytes is negative
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size");
        }
        for (int i = BINARY.length - 1; i >= 0; i--) {
            long unit = 1L << (10 * (i + 1));
            if (bytes >= unit) {
                // exact: dividing by a power of two always terminates
                BigDecimal value = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit));
                if (value.scale() <= 1) {
                    return value.setScale(1).toPlainString() + " " + BINARY[i];
                }
            }
        }
        return bytes + " B";
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
