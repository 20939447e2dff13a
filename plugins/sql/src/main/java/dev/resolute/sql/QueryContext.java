package dev.resolute.sql;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.RowScan;
import dev.resolute.spi.query.ScanFilter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.DataContext;

/**
 * What one running query holds: its open table scans (closed with the query, also when a client leaves mid-way)
 * and the memory its blocking operators account for, bounded by {@code admin.query-engine.memory-size}. Calcite's
 * generated code reaches it through the query's {@link DataContext} variable {@value #VARIABLE}.
 */
final class QueryContext {
    static final String VARIABLE = "resolute.query";

    private final long memoryLimit;
    private final AtomicLong memoryUsed = new AtomicLong();
    private final Set<RowScan> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    QueryContext(long memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    static QueryContext of(DataContext root) {
        return (QueryContext) root.get(VARIABLE);
    }

    RowScan open(IntrospectedTable table, ScanFilter filter) {
        checkOpen();
        RowScan scan;
        try {
            scan = table.scan(filter);
        } catch (RuntimeException e) {
            throw new QueryException(QueryException.Kind.FAILED, "Reading table " + table.name() + " failed: " + e.getMessage(), e);
        }
        open.add(scan);
        if (closed) { // closed while opening: nobody else will close it
            close(scan);
        }
        return scan;
    }

    void close(RowScan scan) {
        if (open.remove(scan)) {
            scan.close();
        }
    }

    /** Stops a query whose result was closed: its scans end at their next row. */
    void checkOpen() {
        if (closed) {
            throw new QueryException(QueryException.Kind.FAILED, "The query was closed");
        }
    }

    /** Adds {@code bytes} held by a blocking operator (sort, aggregate, join); fails once the query's bound is passed. */
    void account(long bytes) {
        long used = memoryUsed.addAndGet(bytes);
        if (used > memoryLimit) {
            throw new QueryException(QueryException.Kind.RESOURCES_EXHAUSTED, "The query needs more than " + memoryLimit
                    + " bytes for the rows it sorts, groups or joins (admin.query-engine.memory-size = " + memoryLimit
                    + "): add a filter or a LIMIT, or raise admin.query-engine.memory-size");
        }
    }

    long memoryUsed() {
        return memoryUsed.get();
    }

    /** Closes every scan still open; later reads stop. */
    void close() {
        closed = true;
        for (RowScan scan : List.copyOf(open)) {
            close(scan);
        }
    }
}
