package dev.resolute.pgwire;

import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.QueryResult;
import dev.resolute.spi.query.TableColumn;
import java.util.Iterator;
import java.util.List;

/** A statement's rows as the endpoint streams them: the engine's result, or an answer made here (SHOW, version()). */
interface Rows extends AutoCloseable {

    List<TableColumn> columns();

    /** The next row, or null at the end. @throws PgError if computing it fails */
    Object[] next();

    /** Releases the rows; never throws; may be called more than once, also from another thread (a cancel). */
    @Override
    void close();

    static Rows of(QueryResult result) {
        return new Rows() {
            @Override
            public List<TableColumn> columns() {
                return result.columns();
            }

            @Override
            public Object[] next() {
                try {
                    return result.nextRow();
                } catch (QueryException e) {
                    throw SqlState.of(e);
                }
            }

            @Override
            public void close() {
                result.close();
            }
        };
    }

    static Rows of(List<TableColumn> columns, List<Object[]> rows) {
        Iterator<Object[]> iterator = rows.iterator();
        return new Rows() {
            @Override
            public List<TableColumn> columns() {
                return columns;
            }

            @Override
            public Object[] next() {
                return iterator.hasNext() ? iterator.next() : null;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
