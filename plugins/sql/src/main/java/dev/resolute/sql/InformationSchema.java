package dev.resolute.sql;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code information_schema.columns} over the tables a query sees, as DataFusion answers it (the CLI asks it which
 * columns a table has before choosing its query shape). Types are named as Restate's Arrow schema names them.
 */
final class InformationSchema {
    private static final List<TableColumn> COLUMNS = List.of(
            new TableColumn("table_catalog", SqlType.UTF8), new TableColumn("table_schema", SqlType.UTF8),
            new TableColumn("table_name", SqlType.UTF8), new TableColumn("column_name", SqlType.UTF8),
            new TableColumn("ordinal_position", SqlType.UINT64), new TableColumn("is_nullable", SqlType.UTF8),
            new TableColumn("data_type", SqlType.UTF8));

    private InformationSchema() {
    }

    static IntrospectedTable columns(List<IntrospectedTable> tables) {
        List<Object[]> rows = new ArrayList<>();
        for (IntrospectedTable table : tables) {
            for (int i = 0; i < table.columns().size(); i++) {
                TableColumn column = table.columns().get(i);
                rows.add(new Object[] {"restate", "public", table.name(), column.name(), (long) i, "YES", arrowName(column.type())});
            }
        }
        return new ListTable("columns", COLUMNS, () -> rows);
    }

    /** The type as DataFusion prints an Arrow type. */
    static String arrowName(SqlType type) {
        return switch (type) {
            case UTF8 -> "LargeUtf8";
            case BOOLEAN -> "Boolean";
            case UINT32 -> "UInt32";
            case UINT64 -> "UInt64";
            case INT64 -> "Int64";
            case FLOAT64 -> "Float64";
            case TIMESTAMP -> "Timestamp(Millisecond, Some(\"UTC\"))";
            case DURATION -> "Duration(Millisecond)";
            case BINARY -> "Binary";
            case UTF8_LIST -> "List(LargeUtf8)";
            case UINT32_LIST -> "List(UInt32)";
        };
    }
}
