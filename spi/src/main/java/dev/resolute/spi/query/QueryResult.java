package dev.resolute.spi.query;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The answer of one query, produced as it is read: rows are computed while the caller reads or writes them, so a
 * large result is never held in memory at once. Read it one way only (rows, or one of the writers), then close it;
 * closing early (a client that went away) releases the query's scans and its place among the running queries.
 */
public interface QueryResult extends AutoCloseable {

    /** The result's columns. */
    List<TableColumn> columns();

    /**
     * Advances to the next row and returns it (one value per column, with the Java class of its {@link SqlType}, or
     * {@code null}); returns {@code null} when there are no more rows.
     *
     * @throws QueryException if computing the row fails (for example {@link QueryException.Kind#RESOURCES_EXHAUSTED})
     */
    Object[] nextRow();

    /**
     * Writes the whole result as an Arrow IPC stream (schema, record batches, end-of-stream marker), Restate's
     * default {@code /query} answer; counts are Int64.
     */
    void writeArrowStream(OutputStream out) throws IOException;

    /**
     * Writes the whole result as {@code {"rows":[…]}} with Restate's value formats (reference §4.6: nulls omitted,
     * binary as hex, RFC-3339 UTC millisecond timestamps, ISO-8601 durations, lists as arrays).
     */
    void writeJsonRows(OutputStream out) throws IOException;

    /** Releases the query; never throws. */
    @Override
    void close();
}
