package dev.resolute.sql;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.RowScan;
import dev.resolute.spi.query.TableColumn;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * An {@link IntrospectedTable} as Calcite sees it: Calcite hands over the query's filter conjuncts; the equalities
 * and IN lists among them become the table's {@link dev.resolute.spi.query.ScanFilter} (the table reads only the key
 * ranges they allow), and every conjunct stays for Calcite to check again, since the table may return more rows than
 * match. Rows are read lazily; the scan is closed when the query ends or is closed. Whole rows: our tables build
 * them whole anyway, and Calcite's interpreted scan mishandles an empty column projection
 * ({@code COUNT(1) FROM (SELECT * … LIMIT n)}, the CLI's count).
 */
final class ScannedTable extends AbstractTable implements FilterableTable {
    private final IntrospectedTable table;

    ScannedTable(IntrospectedTable table) {
        this.table = table;
    }

    IntrospectedTable table() {
        return table;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder row = typeFactory.builder();
        for (TableColumn column : table.columns()) {
            row.add(column.name(), SqlValues.calciteType(column.type(), typeFactory));
        }
        return row.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters) {
        QueryContext query = QueryContext.of(root);
        List<TableColumn> columns = table.columns();
        var filter = ScanFilters.from(filters, columns);
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                RowScan scan = query.open(table, filter);
                return new Enumerator<>() {
                    private Object[] current;

                    @Override
                    public Object[] current() {
                        return current;
                    }

                    @Override
                    public boolean moveNext() {
                        query.checkOpen();
                        if (!scan.hasNext()) {
                            return false;
                        }
                        Object[] row = scan.next();
                        Object[] out = new Object[columns.size()];
                        for (int i = 0; i < out.length; i++) {
                            out[i] = SqlValues.toCalcite(columns.get(i).type(), row[i]);
                        }
                        current = out;
                        return true;
                    }

                    @Override
                    public void reset() {
                        throw new UnsupportedOperationException("a table scan is read once");
                    }

                    @Override
                    public void close() {
                        query.close(scan);
                    }
                };
            }
        };
    }
}
