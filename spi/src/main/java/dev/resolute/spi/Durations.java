package dev.resolute.spi;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Durations as Restate's configuration reads them: a jiff {@code Span} in jiff's "friendly" format
 * ({@code "1h 30m"}, {@code "2 hours"}, {@code "1d, 12h"}, {@code "1.5s"}, {@code "01:30:00"}) or in ISO-8601
 * ({@code "PT1H"}, {@code "P1DT2H"}), converted with days (and weeks) of 24 hours. Like Restate, this refuses
 * years, months and negative durations. Also accepts a bare {@code "0"}, which a TOML integer 0 becomes.
 */
public final class Durations {
    private Durations() {
    }

    /** jiff's units, smallest first, so that ordinal order is size order. */
    private enum Unit {
        NANOSECOND(Duration.ofNanos(1)),
        MICROSECOND(Duration.ofNanos(1_000)),
        MILLISECOND(Duration.ofMillis(1)),
        SECOND(Duration.ofSeconds(1)),
        MINUTE(Duration.ofMinutes(1)),
        HOUR(Duration.ofHours(1)),
        DAY(Duration.ofDays(1)),
        WEEK(Duration.ofDays(7)),
        MONTH(null),
        YEAR(null);

        /** Null for the calendar units, which have no fixed length. */
        final Duration length;

        Unit(Duration length) {
            this.length = length;
        }

        String plural() {
            return name().toLowerCase(Locale.ROOT) + "s";
        }
    }

    /** jiff's friendly designators: case-sensitive, and the longest one that matches wins. */
    private static final Map<String, Unit> LABELS = new HashMap<>();
    private static final int LONGEST_LABEL = "milliseconds".length();

    static {
        label(Unit.YEAR, "years", "year", "yrs", "yr", "y");
        label(Unit.MONTH, "months", "month", "mos", "mo");
        label(Unit.WEEK, "weeks", "week", "wks", "wk", "w");
        label(Unit.DAY, "days", "day", "d");
        label(Unit.HOUR, "hours", "hour", "hrs", "hr", "h");
        label(Unit.MINUTE, "minutes", "minute", "mins", "min", "m");
        label(Unit.SECOND, "seconds", "second", "secs", "sec", "s");
        label(Unit.MILLISECOND, "milliseconds", "millisecond", "millis", "milli", "msecs", "msec", "ms");
        label(Unit.MICROSECOND, "microseconds", "microsecond", "micros", "micro", "usecs", "usec", "us",
                "\u00b5secs", "\u00b5sec", "\u00b5s");
        label(Unit.NANOSECOND, "nanoseconds", "nanosecond", "nanos", "nano", "nsecs", "nsec", "ns");
    }

    private static void label(Unit unit, String... labels) {
        for (String label : labels) {
            LABELS.put(label, unit);
        }
    }

    /**
     * @throws IllegalArgumentException with a short reason if the text is not a non-negative duration
     */
    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        // jiff's Span parser picks ISO-8601 when the text starts with P, after an optional sign.
        int first = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        boolean iso = first < text.length() && (text.charAt(first) == 'P' || text.charAt(first) == 'p');
        Parser parser = new Parser(text);
        return iso ? parser.iso() : parser.friendly();
    }

    /**
     * Restate's own printing: compact designators up to days, e.g. {@code "1d 12h 4m 2s"}, {@code "1s 500ms"},
     * {@code "0s"}.
     *
     * @throws IllegalArgumentException if the duration is negative
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
        if (duration.isZero()) {
            return "0s";
        }
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        long[] amounts = {seconds / 86_400, seconds / 3_600 % 24, seconds / 60 % 60, seconds % 60,
                nanos / 1_000_000, nanos / 1_000 % 1_000, nanos % 1_000};
        String[] designators = {"d", "h", "m", "s", "ms", "\u00b5s", "ns"};
        StringJoiner out = new StringJoiner(" ");
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != 0) {
                out.add(amounts[i] + designators[i]);
            }
        }
        return out.toString();
    }

    /** One parse: the cursor and the unit values read so far, as jiff's {@code DurationUnits} keeps them. */
    private static final class Parser {
        private final String text;
        private int pos;
        private final long[] values = new long[Unit.values().length];
        /** The smallest unit read so far: each unit must be smaller than the one before. */
        private Unit smallest;
        /** Billionths of the smallest unit, or -1 when there is no fraction. */
        private int fraction = -1;
        private boolean negative;

        Parser(String text) {
            this.text = text;
        }

        /** jiff's friendly grammar (jiff::fmt::friendly). */
        Duration friendly() {
            char sign = sign();
            Long value = number();
            if (value == null) {
                throw new IllegalArgumentException("expected a number");
            }
            boolean afterComma = false;
            while (true) {
                if (at(':')) {
                    pos++;
                    hoursMinutesSeconds(value);
                    break;
                }
                int digits = fraction();
                skipSpaces();
                Unit unit = label();
                if (at(',')) {
                    pos++;
                    if (!atSpace()) {
                        throw new IllegalArgumentException("expected a space after the comma");
                    }
                    pos++;
                    afterComma = true;
                }
                set(unit, value);
                if (digits >= 0) {
                    setFraction(digits); // a fraction ends the duration
                    break;
                }
                int mark = pos;
                skipSpaces();
                value = number();
                if (value == null) {
                    pos = mark;
                    break;
                }
                afterComma = false;
            }
            if (afterComma) {
                throw new IllegalArgumentException("expected another unit after the comma");
            }
            if (atSpace()) {
                skipSpaces();
                if (text.startsWith("ago", pos)) {
                    if (sign != 0) {
                        throw new IllegalArgumentException("both a sign and \"ago\"");
                    }
                    pos += 3;
                    sign = '-';
                }
            }
            negative = sign == '-';
            return total();
        }

        /** {@code HH:MM:SS[.fraction]}, allowed first or after days, weeks, months or years; the first ':' is read. */
        private void hoursMinutesSeconds(long hours) {
            Long minutes = number();
            if (minutes == null || !at(':')) {
                throw new IllegalArgumentException("expected HH:MM:SS");
            }
            pos++;
            Long seconds = number();
            if (seconds == null) {
                throw new IllegalArgumentException("expected HH:MM:SS");
            }
            int digits = fraction();
            if (smallest != null && smallest.compareTo(Unit.HOUR) <= 0) {
                throw new IllegalArgumentException("HH:MM:SS can only follow days or larger units");
            }
            set(Unit.HOUR, hours);
            set(Unit.MINUTE, minutes);
            set(Unit.SECOND, seconds);
            if (digits >= 0) {
                setFraction(digits);
            }
        }

        /** ISO-8601 as jiff reads it (jiff::fmt::temporal): case-insensitive, a fraction only on the last time unit. */
        Duration iso() {
            char sign = sign();
            pos++; // the P, checked by the caller
            for (Long value = number(); value != null; value = number()) {
                set(designator("YMWD", Unit.YEAR, Unit.MONTH, Unit.WEEK, Unit.DAY), value);
            }
            if (at('T') || at('t')) {
                pos++;
                for (Long value = number(); value != null; value = number()) {
                    int digits = fraction();
                    set(designator("HMS", Unit.HOUR, Unit.MINUTE, Unit.SECOND), value);
                    if (digits >= 0) {
                        setFraction(digits);
                        break;
                    }
                }
                if (smallest == null || smallest.compareTo(Unit.HOUR) > 0) {
                    throw new IllegalArgumentException("expected hours, minutes or seconds after T");
                }
            }
            if (smallest == null) {
                throw new IllegalArgumentException("expected a unit after P");
            }
            negative = sign == '-';
            return total();
        }

        private Unit designator(String letters, Unit... units) {
            int index = pos < text.length() ? letters.indexOf(Character.toUpperCase(text.charAt(pos))) : -1;
            if (index < 0) {
                throw new IllegalArgumentException("expected one of the designators " + letters);
            }
            pos++;
            return units[index];
        }

        private Duration total() {
            if (pos < text.length()) {
                throw new IllegalArgumentException("unexpected \"" + text.substring(pos) + "\"");
            }
            if (values[Unit.YEAR.ordinal()] != 0 || values[Unit.MONTH.ordinal()] != 0) {
                throw new IllegalArgumentException("years and months are not supported, use days or smaller units");
            }
            Duration total = Duration.ZERO;
            try {
                for (Unit unit : Unit.values()) {
                    if (unit.length != null) {
                        total = total.plus(unit.length.multipliedBy(values[unit.ordinal()]));
                    }
                }
                if (fraction > 0) {
                    // jiff drops what is finer than a nanosecond
                    total = total.plus(smallest.length.multipliedBy(fraction).dividedBy(1_000_000_000L));
                }
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("duration too large");
            }
            if (negative && !total.isZero()) {
                throw new IllegalArgumentException("negative durations are not allowed");
            }
            return total;
        }

        private void set(Unit unit, long value) {
            if (smallest != null && smallest.compareTo(unit) <= 0) {
                throw new IllegalArgumentException("units must go from largest to smallest, each at most once");
            }
            smallest = unit;
            values[unit.ordinal()] = value;
        }

        private void setFraction(int billionths) {
            if (smallest.compareTo(Unit.HOUR) > 0 || smallest == Unit.NANOSECOND) {
                throw new IllegalArgumentException("fractional " + smallest.plural() + " are not supported");
            }
            fraction = billionths;
        }

        private char sign() {
            if (at('+') || at('-')) {
                return text.charAt(pos++);
            }
            return 0;
        }

        /** ASCII digits, or null if there are none here. */
        private Long number() {
            int start = pos;
            long value = 0;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                try {
                    value = Math.addExact(Math.multiplyExact(value, 10), text.charAt(pos) - '0');
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("number too large");
                }
                pos++;
            }
            return pos == start ? null : value;
        }

        /** A '.' or ',' and 1-9 digits, as billionths; -1 if no separator is here. */
        private int fraction() {
            if (!at('.') && !at(',')) {
                return -1;
            }
            pos++;
            int start = pos;
            int billionths = 0;
            while (pos - start < 9 && pos < text.length() && isDigit(text.charAt(pos))) {
                billionths = billionths * 10 + text.charAt(pos++) - '0';
            }
            if (pos == start) {
                throw new IllegalArgumentException("expected digits after the decimal separator");
            }
            for (int i = pos - start; i < 9; i++) {
                billionths *= 10;
            }
            return billionths;
        }

        private Unit label() {
            for (int length = Math.min(LONGEST_LABEL, text.length() - pos); length > 0; length--) {
                Unit unit = LABELS.get(text.substring(pos, pos + length));
                if (unit != null) {
                    pos += length;
                    return unit;
                }
            }
            throw new IllegalArgumentException(pos == text.length()
                    ? "missing unit (ns, us, ms, s, m, h, d or w)"
                    : "unknown unit at \"" + text.substring(pos) + "\"");
        }

        private boolean at(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        /** jiff's whitespace: space, tab, line feed, form feed, carriage return. */
        private boolean atSpace() {
            return pos < text.length() && " \t\n\f\r".indexOf(text.charAt(pos)) >= 0;
        }

        private void skipSpaces() {
            while (atSpace()) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
