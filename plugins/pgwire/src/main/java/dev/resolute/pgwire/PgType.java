package dev.resolute.pgwire;

import dev.resolute.spi.query.SqlType;

/**
 * The Postgres types results are described with: each introspection {@link SqlType} maps onto one, and every value
 * has a text form (what psql prints) and a binary form (what drivers ask for once they know the type).
 */
enum PgType {
    BOOL(16, 1),
    BYTEA(17, -1),
    INT8(20, 8),
    TEXT(25, -1),
    FLOAT8(701, 8),
    TEXT_ARRAY(1009, -1),
    INT8_ARRAY(1016, -1),
    TIMESTAMPTZ(1184, 8),
    INTERVAL(1186, 16),
    /** Unsigned 64-bit numbers (partition keys use all 64 bits): int8 would show the upper half as negative. */
    NUMERIC(1700, -1);

    private final int oid;
    private final int size;

    PgType(int oid, int size) {
        this.oid = oid;
        this.size = size;
    }

    int oid() {
        return oid;
    }

    /** The typlen of RowDescription: the fixed width, or -1 for variable length. */
    int size() {
        return size;
    }

    static PgType of(SqlType type) {
        return switch (type) {
            case UTF8 -> TEXT;
            case BOOLEAN -> BOOL;
            case UINT32, INT64 -> INT8;
            case UINT64 -> NUMERIC;
            case FLOAT64 -> FLOAT8;
            case TIMESTAMP -> TIMESTAMPTZ;
            case DURATION -> INTERVAL;
            case BINARY -> BYTEA;
            case UTF8_LIST -> TEXT_ARRAY;
            case UINT32_LIST -> INT8_ARRAY;
        };
    }

    /** The value in Postgres' text output format; {@code value} is not null. */
    byte[] text(Object value) {
        return TextValues.format(this, value);
    }

    /** The value in Postgres' binary format (what the type's {@code typsend} writes); {@code value} is not null. */
    byte[] binary(Object value) {
        return BinaryValues.format(this, value);
    }
}
