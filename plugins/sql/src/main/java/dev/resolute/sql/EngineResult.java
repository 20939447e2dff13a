package dev.resolute.sql;

import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.QueryResult;
import dev.resolute.spi.query.TableColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows of a planned query, computed as they are read. Closing it (also half-way, when a client leaves) closes
 * Calcite's operators and every table scan and gives the query's place back.
 */
final class EngineResult implements QueryResult {
    private final List<TableColumn> columns;
    private final Enumerator<Object> rows;
    private final QueryContext query;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    EngineResult(QueryPlanner.Planned planned, QueryContext query, Runnable release) {
        this.columns = planned.columns();
        this.query = query;
        this.release = release;
        this.rows = planned.rows().enumerator();
    }

    @Override
    public List<TableColumn> columns() {
        return columns;
    }

    @Override
    public Object[] nextRow() {
        if (closed.get()) {
            return null;
        }
        Object current;
        try {
            if (!rows.moveNext()) {
                return null;
            }
            current = rows.current();
        } catch (RuntimeException e) {
            throw failure(e);
        }
        // one column comes as its bare value, several as an array
        Object[] raw = columns.size() == 1 && !(current instanceof Object[] one && one.length == 1) ? new Object[] {current} : (Object[]) current;
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = SqlValues.fromCalcite(columns.get(i).type(), raw[i]);
        }
        return row;
    }

    @Override
    public void writeArrowStream(OutputStream out) throws IOException {
        ArrowRows.write(this, out);
    }

    @Override
    public void writeJsonRows(OutputStream out) throws IOException {
        JsonRows.write(this, out);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                rows.close();
            } catch (RuntimeException e) {
                // the scans are closed below whatever Calcite's operators did
            } finally {
                query.close();
                release.run();
            }
        }
    }

    /** The query's own error if one is in the chain (memory bound, a table that failed), else a FAILED one. */
    static QueryException failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof QueryException q) {
                return q;
            }
        }
        return new QueryException(QueryException.Kind.FAILED, "The query failed: " + e, e);
    }
}
