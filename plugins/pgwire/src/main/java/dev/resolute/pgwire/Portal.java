package dev.resolute.pgwire;

/**
 * A bound statement ready to run: its SQL with the parameters in place and the result formats the client asked
 * for. It runs at its first Describe or Execute and keeps its rows open between Executes with a row limit, holding
 * one row of look-ahead to tell PortalSuspended from CommandComplete.
 */
final class Portal {
    private final String sql;
    private final short[] formatCodes;
    private Execution execution;
    private Object[] lookahead;
    private boolean peeked;
    private boolean finished;

    Portal(String sql, short[] formatCodes) {
        this.sql = sql;
        this.formatCodes = formatCodes.clone();
    }

    String sql() {
        return sql;
    }

    boolean isEmpty() {
        return sql.isEmpty();
    }

    boolean started() {
        return execution != null;
    }

    /** Runs the statement once; later calls return the same execution. */
    Execution start(StatementRunner runner) {
        if (execution == null) {
            execution = runner.run(sql);
        }
        return execution;
    }

    /** The format of each of {@code columns} result columns: none given means text, one applies to all. */
    int[] formats(int columns) {
        if (formatCodes.length > 1 && formatCodes.length != columns) {
            throw new PgError(SqlState.PROTOCOL_VIOLATION, "bind message has " + formatCodes.length + " result formats but the query has "
                    + columns + " columns");
        }
        int[] formats = new int[columns];
        for (int i = 0; i < columns; i++) {
            formats[i] = formatCodes.length == 0 ? 0 : formatCodes[formatCodes.length == 1 ? 0 : i];
            if (formats[i] != 0 && formats[i] != 1) {
                throw new PgError(SqlState.PROTOCOL_VIOLATION, "unsupported format code " + formats[i]);
            }
        }
        return formats;
    }

    Object[] next() {
        if (finished) {
            return null;
        }
        if (peeked) {
            peeked = false;
            return lookahead;
        }
        return execution.rows().next();
    }

    boolean hasMore() {
        if (finished) {
            return false;
        }
        if (!peeked) {
            lookahead = execution.rows().next();
            peeked = true;
        }
        return lookahead != null;
    }

    /**
     * The rows ran out: the result is released at once (its query slot too), not when the portal is dropped, which
     * inside a transaction block is only at its end; executing the portal again yields no rows, as in Postgres.
     */
    void finish() {
        finished = true;
        close();
    }

    void close() {
        if (execution != null && execution.rows() != null) {
            execution.rows().close();
        }
    }
}
