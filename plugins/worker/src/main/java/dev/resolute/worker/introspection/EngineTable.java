package dev.resolute.worker.introspection;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.RowScan;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.spi.query.TableColumn;
import dev.resolute.spi.storage.Snapshot;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * An introspection table over the engine's storage: each scan reads one snapshot, opened by {@link #scan} and
 * released by the scan's {@code close()}, and produces its rows as they are read.
 */
abstract class EngineTable implements IntrospectedTable {
    protected final EngineData data;
    private final String name;
    private final Columns columns;

    EngineTable(EngineData data, String name, Columns columns) {
        this.data = data;
        this.name = name;
        this.columns = columns;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<TableColumn> columns() {
        return columns.list();
    }

    final Columns.Row row() {
        return columns.row();
    }

    /** The rows that may match {@code filter}, read lazily from {@code snapshot}. */
    abstract Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter);

    @Override
    public final RowScan scan(ScanFilter filter) {
        Objects.requireNonNull(filter, "filter");
        Snapshot snapshot = data.storage().snapshot();
        try {
            return new SnapshotScan(snapshot, rows(snapshot, new Pushdown(filter)));
        } catch (RuntimeException e) {
            snapshot.close();
            throw failed(e);
        }
    }

    private QueryException failed(RuntimeException e) {
        return e instanceof QueryException q ? q : new QueryException(QueryException.Kind.FAILED, "reading " + name + " failed: " + e.getMessage(), e);
    }

    /** The rows of one snapshot; closing releases the snapshot. */
    private final class SnapshotScan implements RowScan {
        private final Snapshot snapshot;
        private final Iterator<Object[]> rows;

        SnapshotScan(Snapshot snapshot, Iterator<Object[]> rows) {
            this.snapshot = snapshot;
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            try {
                return rows.hasNext();
            } catch (RuntimeException e) {
                throw failed(e);
            }
        }

        @Override
        public Object[] next() {
            try {
                return rows.next();
            } catch (java.util.NoSuchElementException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() {
            snapshot.close();
        }
    }
}
