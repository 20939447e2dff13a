package dev.resolute.sql;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.RowScan;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.spi.query.TableColumn;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory table that records the filters it was scanned with, the rows it handed out and the scans left open. */
final class RecordingTable implements IntrospectedTable {
    private final String name;
    private final List<TableColumn> columns;
    private final List<Object[]> rows;
    final List<ScanFilter> filters = new CopyOnWriteArrayList<>();
    final AtomicInteger rowsRead = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();

    RecordingTable(String name, List<TableColumn> columns, List<Object[]> rows) {
        this.name = name;
        this.columns = columns;
        this.rows = rows;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<TableColumn> columns() {
        return columns;
    }

    @Override
    public RowScan scan(ScanFilter filter) {
        filters.add(filter);
        open.incrementAndGet();
        Iterator<Object[]> it = rows.iterator();
        return new RowScan() {
            private boolean closed;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object[] next() {
                rowsRead.incrementAndGet();
                return it.next();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    open.decrementAndGet();
                }
            }
        };
    }
}
