package dev.resolute.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.resolute.spi.query.QueryResult;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code {"rows":[…]}} as Restate's Arrow JSON writer produces it (reference §4.6): a null column is left out, binary
 * is lowercase hex, a timestamp is RFC-3339 UTC with milliseconds ({@code 2026-11-22T14:48:24.389Z}), a duration
 * ISO-8601 in seconds ({@code PT86400S}, {@code PT1.500S}), a list an array; unsigned 64-bit numbers print unsigned.
 * Rows are written as they are read.
 */
final class JsonRows {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private JsonRows() {
    }

    static void write(QueryResult result, OutputStream out) throws IOException {
        List<TableColumn> columns = result.columns();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeArrayFieldStart("rows");
            for (Object[] row = result.nextRow(); row != null; row = result.nextRow()) {
                json.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    if (row[i] != null) {
                        json.writeFieldName(columns.get(i).name());
                        value(json, columns.get(i).type(), row[i]);
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void value(JsonGenerator json, SqlType type, Object value) throws IOException {
        switch (type) {
            case UTF8 -> json.writeString((String) value);
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case UINT64 -> json.writeNumber(Long.toUnsignedString((Long) value));
            case UINT32, INT64 -> json.writeNumber((Long) value);
            case FLOAT64 -> json.writeNumber((Double) value);
            case TIMESTAMP -> json.writeString(timestamp((Instant) value));
            case DURATION -> json.writeString(duration((Duration) value));
            case BINARY -> json.writeString(HEX.formatHex((byte[]) value));
            case UTF8_LIST, UINT32_LIST -> {
                json.writeStartArray();
                for (Object item : (List<?>) value) {
                    if (item == null) {
                        json.writeNull();
                    } else {
                        value(json, type == SqlType.UTF8_LIST ? SqlType.UTF8 : SqlType.UINT32, item);
                    }
                }
                json.writeEndArray();
            }
        }
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** As Arrow's JSON writer prints a Duration(ms): whole seconds, milliseconds only when there are some. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        String sign = millis < 0 ? "-" : "";
        long abs = Math.abs(millis);
        long fraction = abs % 1000;
        return sign + "PT" + abs / 1000 + (fraction == 0 ? "" : String.format(".%03d", fraction)) + "S";
    }
}
