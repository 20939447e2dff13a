package dev.resolute.spi.query;

import java.util.List;

/**
 * A table the SQL engine can read: a name, columns and a scan. Implementations read their rows live (from the
 * node's storage or memory) when scanned, never keep a copy.
 */
public interface IntrospectedTable {

    /** Its SQL name, lower case ({@code sys_invocation_status}). */
    String name();

    /** Its columns, in the order rows hold their values. */
    List<TableColumn> columns();

    /**
     * Opens a scan of the rows that may match {@code filter}: the table narrows its reads to the key ranges the
     * filter allows for its key columns and may return rows that do not match. Safe to call from any thread, any
     * number of times at once.
     */
    RowScan scan(ScanFilter filter);
}
