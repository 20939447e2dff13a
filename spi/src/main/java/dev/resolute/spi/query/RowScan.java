package dev.resolute.spi.query;

import java.util.Iterator;

/**
 * The rows of one table scan, read lazily: each row holds one value per column of the table, in the table's column
 * order, with the Java class of the column's {@link SqlType} or {@code null}. Whoever opens a scan closes it (it may
 * hold a storage snapshot), also when it stops reading early.
 */
public interface RowScan extends Iterator<Object[]>, AutoCloseable {

    /** Releases what the scan holds; never throws. */
    @Override
    void close();
}
