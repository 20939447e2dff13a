package dev.resolute.sql;

import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.query.QueryResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers: a query's rows as lists, or its JSON text. */
final class Rows {
    private Rows() {
    }

    static List<List<Object>> of(QueryEngine engine, String sql) {
        try (QueryResult result = engine.execute(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            for (Object[] row = result.nextRow(); row != null; row = result.nextRow()) {
                rows.add(Arrays.asList(row));
            }
            return rows;
        }
    }

    static String json(QueryEngine engine, String sql) {
        try (QueryResult result = engine.execute(sql)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            result.writeJsonRows(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
