package dev.resolute.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.browse.RowPage;
import dev.resolute.spi.query.TableColumn;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Rows as the API answers them: JSON objects keyed by column name, timestamps as ISO-8601 UTC text, durations in
 * milliseconds, binary values as base64 text, unsigned 64-bit numbers unsigned, lists as arrays.
 */
final class RowsJson {
    private RowsJson() {
    }

    /** {@code {"rows": […], "next_cursor": …}} */
    static ObjectNode page(RowPage page) {
        ObjectNode body = UiJson.object();
        body.set("rows", rows(page));
        body.put("next_cursor", page.nextCursor().orElse(null));
        return body;
    }

    static ArrayNode rows(RowPage page) {
        ArrayNode rows = UiJson.JSON.createArrayNode();
        page.rows().forEach(row -> rows.add(row(page.columns(), row)));
        return rows;
    }

    static ObjectNode row(List<TableColumn> columns, Object[] values) {
        ObjectNode row = UiJson.object();
        for (int i = 0; i < columns.size(); i++) {
            put(row, columns.get(i), values[i]);
        }
        return row;
    }

    /** The value of {@code column} in {@code values}, or null. */
    static Object value(List<TableColumn> columns, Object[] values, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return values[i];
            }
        }
        return null;
    }

    private static void put(ObjectNode row, TableColumn column, Object value) {
        String name = column.name();
        if (value == null) {
            row.putNull(name);
            return;
        }
        switch (column.type()) {
            case UTF8 -> row.put(name, (String) value);
            case BOOLEAN -> row.put(name, (Boolean) value);
            case UINT32, INT64 -> row.put(name, ((Number) value).longValue());
            case UINT64 -> {
                long number = ((Number) value).longValue();
                if (number >= 0) {
                    row.put(name, number);
                } else {
                    row.put(name, new BigInteger(Long.toUnsignedString(number)));
                }
            }
            case FLOAT64 -> row.put(name, ((Number) value).doubleValue());
            case TIMESTAMP -> row.put(name, ((Instant) value).toString());
            case DURATION -> row.put(name, ((Duration) value).toMillis());
            case BINARY -> row.put(name, Base64.getEncoder().encodeToString((byte[]) value));
            case UTF8_LIST, UINT32_LIST -> {
                ArrayNode list = row.putArray(name);
                for (Object item : (List<?>) value) {
                    if (item instanceof String text) {
                        list.add(text);
                    } else {
                        list.add(((Number) item).longValue());
                    }
                }
            }
        }
    }
}
