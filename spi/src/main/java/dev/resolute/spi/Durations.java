package dev.resolute.spi;

import java.time.Duration;

/** PLACEHOLDER - to be replaced by the Restate-compatible parser. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text.trim();
        if (t.equals("0")) return Duration.ZERO;
        if (t.startsWith("P") || t.startsWith("p")) return Duration.parse(t.toUpperCase());
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
        long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("bad duration");
        };
    }

    public static String format(Duration d) {
        return d.toMillis() + "ms";
    }
}
