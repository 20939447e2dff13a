package dev.resolute.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Values in Postgres' binary format (each type's {@code typsend}), for drivers that ask for it. */
final class BinaryValues {
    /** Postgres counts time from 2000-01-01 00:00 UTC. */
    static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private BinaryValues() {
    }

    static byte[] format(PgType type, Object value) {
        return switch (type) {
            case BOOL -> new byte[] {(byte) ((Boolean) value ? 1 : 0)};
            case BYTEA -> (byte[]) value;
            case INT8 -> ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array();
            case FLOAT8 -> ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
            case TIMESTAMPTZ -> ByteBuffer.allocate(8).putLong(micros((Instant) value)).array();
            case INTERVAL -> interval((Duration) value);
            case NUMERIC -> numeric(new BigInteger(Long.toUnsignedString(((Number) value).longValue())));
            case TEXT_ARRAY -> array(PgType.TEXT, (List<?>) value);
            case INT8_ARRAY -> array(PgType.INT8, (List<?>) value);
            case TEXT -> value.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Microseconds since Postgres' epoch. */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L), instant.getNano() / 1000);
    }

    /** Time part in microseconds, then days, then months (always 0: a duration has no calendar months). */
    private static byte[] interval(Duration duration) {
        long days = duration.toDays();
        Duration time = duration.minusDays(days);
        long micros = Math.addExact(Math.multiplyExact(time.getSeconds(), 1_000_000L), time.getNano() / 1000);
        return ByteBuffer.allocate(16).putLong(micros).putInt(Math.toIntExact(days)).putInt(0).array();
    }

    /** A non-negative integer as base-10000 digits, most significant first. */
    static byte[] numeric(BigInteger value) {
        List<Integer> digits = new ArrayList<>();
        for (BigInteger rest = value; rest.signum() > 0; rest = rest.divide(TEN_THOUSAND)) {
            digits.add(0, rest.mod(TEN_THOUSAND).intValue());
        }
        ByteBuffer out = ByteBuffer.allocate(8 + 2 * digits.size());
        out.putShort((short) digits.size()).putShort((short) Math.max(0, digits.size() - 1)).putShort((short) 0).putShort((short) 0);
        digits.forEach(d -> out.putShort(d.shortValue()));
        return out.array();
    }

    /** One dimension, lower bound 1; an empty array has no dimensions. */
    private static byte[] array(PgType element, List<?> values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(values.isEmpty() ? 0 : 1);
            out.writeInt(values.stream().anyMatch(Objects::isNull) ? 1 : 0);
            out.writeInt(element.oid());
            if (!values.isEmpty()) {
                out.writeInt(values.size());
                out.writeInt(1);
            }
            for (Object value : values) {
                if (value == null) {
                    out.writeInt(-1);
                } else {
                    byte[] encoded = format(element, value);
                    out.writeInt(encoded.length);
                    out.write(encoded);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
