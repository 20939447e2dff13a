package dev.resolute.pgwire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Bound parameter values as SQL literals: the engine takes SQL text only, so a value is validated against its
 * declared type and written in a form that cannot change the statement's structure (numbers checked digit by digit,
 * everything else a quoted string with its quotes doubled).
 */
final class Literals {
    static final int BOOL = 16;
    static final int BYTEA = 17;
    static final int INT8 = 20;
    static final int INT2 = 21;
    static final int INT4 = 23;
    static final int OID = 26;
    static final int FLOAT4 = 700;
    static final int FLOAT8 = 701;
    static final int TIMESTAMP = 1114;
    static final int TIMESTAMPTZ = 1184;
    static final int NUMERIC = 1700;

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private Literals() {
    }

    /** The literal for a parameter of type {@code oid} (0: unspecified) sent in {@code binary} or text format. */
    static String literal(int oid, boolean binary, byte[] value) {
        if (value == null) {
            return typedNull(oid);
        }
        return binary ? fromBinary(oid, ByteBuffer.wrap(value)) : fromText(oid, new String(value, StandardCharsets.UTF_8));
    }

    /**
     * A NULL of the SQL type the literals of {@code oid} have: what statements are described with before their
     * parameters are bound, so the columns a Describe announces are the columns Execute returns (drivers pick binary
     * or text by the announced type).
     */
    static String typedNull(int oid) {
        return switch (oid) {
            case BOOL -> "CAST(NULL AS BOOLEAN)";
            case BYTEA -> "CAST(NULL AS VARBINARY)";
            case INT2, INT4, INT8, OID -> "CAST(NULL AS BIGINT)";
            case FLOAT4, FLOAT8 -> "CAST(NULL AS DOUBLE)";
            default -> "CAST(NULL AS VARCHAR)";
        };
    }

    private static String fromText(int oid, String text) {
        String trimmed = text.trim();
        return switch (oid) {
            case INT2, INT4, INT8, OID -> checked(trimmed, INTEGER, oid);
            case FLOAT4, FLOAT8 -> "CAST(" + checked(trimmed, DECIMAL, oid) + " AS DOUBLE)"; // 1 would be an integer
            case NUMERIC -> checked(trimmed, DECIMAL, oid);
            case BOOL -> bool(trimmed);
            case BYTEA -> {
                if (!trimmed.startsWith("\\x")) {
                    throw new PgError(SqlState.FEATURE_NOT_SUPPORTED, "bytea parameters must use the hex format (\\x...)");
                }
                yield bytes(HexFormat.of().parseHex(trimmed.substring(2)));
            }
            default -> quoted(text);
        };
    }

    private static String fromBinary(int oid, ByteBuffer value) {
        return switch (oid) {
            case INT2 -> Short.toString(value.getShort());
            case INT4 -> Integer.toString(value.getInt());
            case INT8 -> Long.toString(value.getLong());
            case OID -> Integer.toUnsignedString(value.getInt());
            case FLOAT4 -> finite(value.getFloat());
            case FLOAT8 -> finite(value.getDouble());
            case NUMERIC -> numeric(value);
            case BOOL -> value.get() != 0 ? "TRUE" : "FALSE";
            case BYTEA -> bytes(remaining(value));
            case TIMESTAMP, TIMESTAMPTZ -> {
                long micros = value.getLong();
                Instant instant = Instant.ofEpochSecond(BinaryValues.POSTGRES_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000);
                String text = TextValues.timestamp(instant);
                yield quoted(oid == TIMESTAMP ? text.substring(0, text.length() - 3) : text);
            }
            case 0, 25, 1042, 1043, 19, 705 -> quoted(new String(remaining(value), StandardCharsets.UTF_8));
            default -> throw new PgError(SqlState.FEATURE_NOT_SUPPORTED, "binary parameters of type " + oid + " are not supported; send them as text");
        };
    }

    private static String checked(String text, Pattern pattern, int oid) {
        if (!pattern.matcher(text).matches()) {
            throw new PgError(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + typeName(oid) + ": \"" + text + "\"");
        }
        return text.startsWith("+") ? text.substring(1) : text;
    }

    private static String bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> "TRUE";
            case "f", "false", "n", "no", "off", "0" -> "FALSE";
            default -> throw new PgError(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type boolean: \"" + text + "\"");
        };
    }

    private static String finite(double value) {
        if (!Double.isFinite(value)) {
            throw new PgError(SqlState.FEATURE_NOT_SUPPORTED, "NaN and infinite parameters are not supported");
        }
        return "CAST(" + value + " AS DOUBLE)";
    }

    /** Postgres' numeric: base-10000 digits with a weight (the first digit's power of 10000) and a sign. */
    private static String numeric(ByteBuffer value) {
        int count = value.getShort();
        int weight = value.getShort();
        int sign = value.getShort() & 0xffff;
        value.getShort(); // display scale: the digits carry the value
        if (sign != 0 && sign != 0x4000) {
            throw new PgError(SqlState.FEATURE_NOT_SUPPORTED, "NaN and infinite parameters are not supported");
        }
        BigDecimal result = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            BigDecimal digit = new BigDecimal(BigInteger.valueOf(value.getShort()));
            result = result.add(digit.scaleByPowerOfTen(4 * (weight - i)));
        }
        return (sign == 0x4000 ? result.negate() : result).toPlainString();
    }

    private static byte[] remaining(ByteBuffer value) {
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        return bytes;
    }

    private static String bytes(byte[] value) {
        return "X'" + HexFormat.of().formatHex(value) + "'";
    }

    /** A standard SQL string literal: quotes doubled, backslashes plain (standard_conforming_strings is on). */
    static String quoted(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new PgError(SqlState.INVALID_PARAMETER_VALUE, "parameters cannot contain the NUL character");
        }
        return "'" + text.replace("'", "''") + "'";
    }

    private static String typeName(int oid) {
        return switch (oid) {
            case INT2 -> "smallint";
            case INT4 -> "integer";
            case INT8 -> "bigint";
            case OID -> "oid";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            default -> "numeric";
        };
    }
}
