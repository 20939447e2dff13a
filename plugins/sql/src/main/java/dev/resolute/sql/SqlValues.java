package dev.resolute.sql;

import dev.resolute.spi.query.SqlType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Our column types and values in Calcite's terms and back. Calcite holds timestamps and day-time intervals as
 * epoch / length milliseconds ({@code long}) and bytes as {@link ByteString}; rows hold {@link Instant},
 * {@link Duration} and {@code byte[]}. Unsigned integers are BIGINT to Calcite (a {@code long}), so a result column
 * taken straight from a table column keeps that column's type (see {@link QueryPlanner}); computed integers are
 * {@link SqlType#INT64}, Restate's type for counts.
 */
final class SqlValues {
    private SqlValues() {
    }

    static RelDataType calciteType(SqlType type, RelDataTypeFactory types) {
        RelDataType base = switch (type) {
            case UTF8 -> types.createSqlType(SqlTypeName.VARCHAR);
            case BOOLEAN -> types.createSqlType(SqlTypeName.BOOLEAN);
            case UINT32, UINT64, INT64 -> types.createSqlType(SqlTypeName.BIGINT);
            case FLOAT64 -> types.createSqlType(SqlTypeName.DOUBLE);
            case TIMESTAMP -> types.createSqlType(SqlTypeName.TIMESTAMP, 3);
            case DURATION -> types.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.DAY, 3, TimeUnit.SECOND, 3, SqlParserPos.ZERO));
            case BINARY -> types.createSqlType(SqlTypeName.VARBINARY);
            case UTF8_LIST -> types.createArrayType(types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true), -1);
            case UINT32_LIST -> types.createArrayType(types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), true), -1);
        };
        return types.createTypeWithNullability(base, true);
    }

    /** A row value as Calcite holds it. */
    static Object toCalcite(SqlType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TIMESTAMP -> ((Instant) value).toEpochMilli();
            case DURATION -> ((Duration) value).toMillis();
            case BINARY -> new ByteString((byte[]) value);
            default -> value;
        };
    }

    /** The type of a computed result column (one not taken straight from a table column). */
    static SqlType resultType(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case BOOLEAN -> SqlType.BOOLEAN;
            case TINYINT, SMALLINT, INTEGER, BIGINT -> SqlType.INT64;
            case DECIMAL -> type.getScale() == 0 ? SqlType.INT64 : SqlType.FLOAT64;
            case FLOAT, REAL, DOUBLE -> SqlType.FLOAT64;
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ, DATE -> SqlType.TIMESTAMP;
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR, INTERVAL_HOUR_MINUTE,
                 INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND, INTERVAL_SECOND -> SqlType.DURATION;
            case BINARY, VARBINARY -> SqlType.BINARY;
            case ARRAY -> switch (type.getComponentType().getSqlTypeName()) {
                case TINYINT, SMALLINT, INTEGER, BIGINT -> SqlType.UINT32_LIST;
                default -> SqlType.UTF8_LIST;
            };
            default -> SqlType.UTF8;
        };
    }

    /** A Calcite result value as the Java class of {@code type}. */
    static Object fromCalcite(SqlType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case UTF8 -> value instanceof String s ? s : String.valueOf(value);
            case BOOLEAN -> value;
            case UINT32, UINT64, INT64 -> ((Number) value).longValue();
            case FLOAT64 -> value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
            case TIMESTAMP -> value instanceof Integer days ? Instant.ofEpochMilli(days * 86_400_000L) : Instant.ofEpochMilli(((Number) value).longValue());
            case DURATION -> Duration.ofMillis(((Number) value).longValue());
            case BINARY -> value instanceof ByteString b ? b.getBytes() : (byte[]) value;
            case UTF8_LIST -> ((List<?>) value).stream().map(v -> v == null ? null : String.valueOf(v)).toList();
            case UINT32_LIST -> ((List<?>) value).stream().map(v -> v == null ? null : ((Number) v).longValue()).toList();
        };
    }
}
