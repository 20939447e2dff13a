package dev.resolute.sql;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.RowScan;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.spi.query.TableColumn;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A small table whose rows are computed in memory when scanned (the registry's services and deployments,
 * {@code information_schema.columns}); it ignores the filter, which the engine applies anyway.
 */
record ListTable(String name, List<TableColumn> columns, Supplier<List<Object[]>> rows) implements IntrospectedTable {

    @Override
    public RowScan scan(ScanFilter filter) {
        Iterator<Object[]> it = rows.get().iterator();
        return new RowScan() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object[] next() {
                return it.next();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
