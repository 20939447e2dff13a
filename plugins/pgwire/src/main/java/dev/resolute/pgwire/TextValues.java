package dev.resolute.pgwire;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/** Values in Postgres' text output format, as a Postgres server with {@code DateStyle = ISO} and UTC prints them. */
final class TextValues {
    private TextValues() {
    }

    static byte[] format(PgType type, Object value) {
        return string(type, value).getBytes(StandardCharsets.UTF_8);
    }

    static String string(PgType type, Object value) {
        return switch (type) {
            case BOOL -> (Boolean) value ? "t" : "f";
            case BYTEA -> "\\x" + HexFormat.of().formatHex((byte[]) value);
            case INT8 -> Long.toString(((Number) value).longValue());
            case NUMERIC -> Long.toUnsignedString(((Number) value).longValue());
            case FLOAT8 -> float8(((Number) value).doubleValue());
            case TIMESTAMPTZ -> timestamp((Instant) value);
            case INTERVAL -> interval((Duration) value);
            case TEXT_ARRAY, INT8_ARRAY -> array((List<?>) value);
            case TEXT -> value.toString();
        };
    }

    /** {@code 2026-11-22 14:48:24.389+00}: fractional seconds only as long as needed, as Postgres prints them. */
    static String timestamp(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(32);
        out.append(String.format("%04d-%02d-%02d %02d:%02d:%02d", utc.getYear(), utc.getMonthValue(), utc.getDayOfMonth(),
                utc.getHour(), utc.getMinute(), utc.getSecond()));
        appendMicros(out, utc.getNano() / 1000);
        return out.append("+00").toString();
    }

    /** Postgres' default IntervalStyle: {@code 1 day 02:03:04.5}, {@code -2 days -00:00:01}, {@code 00:00:00.25}. */
    static String interval(Duration duration) {
        long days = duration.toDays();
        Duration time = duration.minusDays(days);
        boolean negative = time.isNegative();
        Duration abs = time.abs();
        StringBuilder out = new StringBuilder();
        if (days != 0) {
            out.append(days).append(days == 1 ? " day" : " days"); // Postgres: "1 day", "-1 days"
        }
        if (days == 0 || !time.isZero()) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(negative ? "-" : "").append(String.format("%02d:%02d:%02d", abs.toHours(), abs.toMinutesPart(), abs.toSecondsPart()));
            appendMicros(out, abs.toNanosPart() / 1000);
        }
        return out.toString();
    }

    private static void appendMicros(StringBuilder out, int micros) {
        if (micros != 0) {
            String digits = String.format("%06d", micros);
            out.append('.').append(digits.replaceAll("0+$", ""));
        }
    }

    /** Shortest round-trip digits, switching to an exponent where Postgres does (below 1e-4 and from 1e15). */
    static String float8(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < 15) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (decimal.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format("%02d", Math.abs(exponent));
    }

    /** {@code {a,"b c",NULL}}: elements quoted where Postgres' array parser would otherwise misread them. */
    static String array(List<?> values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values.get(i);
            if (value == null) {
                out.append("NULL");
            } else {
                appendElement(out, value.toString());
            }
        }
        return out.append('}').toString();
    }

    private static void appendElement(StringBuilder out, String element) {
        boolean quote = element.isEmpty() || element.equalsIgnoreCase("NULL")
                || element.chars().anyMatch(c -> c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c));
        if (!quote) {
            out.append(element);
            return;
        }
        out.append('"');
        for (char c : element.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
