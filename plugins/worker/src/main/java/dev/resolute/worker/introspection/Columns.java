package dev.resolute.worker.introspection;

import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A table's columns in order, and rows filled by column name. */
final class Columns {
    private final List<TableColumn> list;
    private final Map<String, Integer> index = new HashMap<>();

    private Columns(List<TableColumn> list) {
        this.list = List.copyOf(list);
        for (int i = 0; i < this.list.size(); i++) {
            if (index.put(this.list.get(i).name(), i) != null) {
                throw new IllegalArgumentException("column " + this.list.get(i).name() + " appears twice");
            }
        }
    }

    /** Columns from alternating names and {@link SqlType}s. */
    static Columns of(Object... nameTypePairs) {
        List<TableColumn> columns = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            columns.add(new TableColumn((String) nameTypePairs[i], (SqlType) nameTypePairs[i + 1]));
        }
        return new Columns(columns);
    }

    /** These columns followed by {@code more}. */
    Columns and(Columns more) {
        List<TableColumn> all = new ArrayList<>(list);
        all.addAll(more.list);
        return new Columns(all);
    }

    /** These columns but {@code names}, in the same order. */
    Columns without(String... names) {
        java.util.Set<String> left = java.util.Set.of(names);
        return new Columns(list.stream().filter(column -> !left.contains(column.name())).toList());
    }

    List<TableColumn> list() {
        return list;
    }

    /** A row of nulls to fill. */
    Row row() {
        return new Row();
    }

    /** One row being filled; a column left unset is null. */
    final class Row {
        private final Object[] values = new Object[list.size()];

        /**
         * Sets a column of this table.
         *
         * @throws IllegalArgumentException if the table has no such column (a typo in a table class)
         */
        Row set(String column, Object value) {
            Integer at = index.get(column);
            if (at == null) {
                throw new IllegalArgumentException("no column " + column + " in " + list.stream().map(TableColumn::name).toList());
            }
            values[at] = value;
            return this;
        }

        /** Sets a column that some of the tables sharing a filler have (sys_invocation has no partition_key). */
        Row setIfPresent(String column, Object value) {
            Integer at = index.get(column);
            if (at != null) {
                values[at] = value;
            }
            return this;
        }

        Object[] values() {
            return Arrays.copyOf(values, values.length);
        }
    }
}
