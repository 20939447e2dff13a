package dev.resolute.spi.query;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a query asks of a table's rows that the table may use to read less: for some columns, the values one of
 * which the column must equal (from {@code =}, {@code ==} and {@code IN} in the query's filter), and the values it
 * must differ from (from {@code <>}, {@code !=} and {@code NOT IN}: {@code status != 'completed'} lets a table read
 * only what is active). Values have the Java class of the column's {@link SqlType}.
 *
 * <p>It is a hint: a table reads the narrowest key range these allow and may return rows that do not match; the
 * query engine checks every filter again. An empty filter asks for every row.
 *
 * @param anyOf  column name → the values one of which it must equal; each list is non-empty
 * @param noneOf column name → the values it must differ from; each list is non-empty
 */
public record ScanFilter(Map<String, List<Object>> anyOf, Map<String, List<Object>> noneOf) {

    /** Every row. */
    public static final ScanFilter ALL = new ScanFilter(Map.of());

    public ScanFilter {
        anyOf = Map.copyOf(Objects.requireNonNull(anyOf, "anyOf"));
        noneOf = Map.copyOf(Objects.requireNonNull(noneOf, "noneOf"));
        for (Map<String, List<Object>> constraint : List.of(anyOf, noneOf)) {
            constraint.forEach((column, values) -> {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("column " + column + ": a filter needs at least one value");
                }
            });
        }
    }

    /** Only equalities. */
    public ScanFilter(Map<String, List<Object>> anyOf) {
        this(anyOf, Map.of());
    }

    /** The values {@code column} must equal one of, or an empty list if the filter says nothing about it. */
    public List<Object> valuesOf(String column) {
        return anyOf.getOrDefault(column, List.of());
    }

    /** The values {@code column} must differ from, or an empty list if the filter says nothing about it. */
    public List<Object> excludedValuesOf(String column) {
        return noneOf.getOrDefault(column, List.of());
    }
}
