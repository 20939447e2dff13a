package dev.resolute.pgwire;

import java.util.HashMap;
import java.util.Map;

/**
 * A session's prepared statements: created by Parse, used by Bind and Describe, dropped by Close or by the SQL
 * {@code DEALLOCATE} that drivers send (psycopg after a failed transaction).
 */
final class PreparedStatements {
    /** A parsed statement: its SQL ("" for an empty one) and the type of each parameter (0: unspecified). */
    record Prepared(String sql, int[] parameterTypes) {
    }

    private final Map<String, Prepared> statements = new HashMap<>();

    /** Adds a statement; the unnamed one ("") is replaced, a named one must be new. */
    void add(String name, Prepared statement) {
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new PgError(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + name + "\" already exists");
        }
        statements.put(name, statement);
    }

    Prepared get(String name) {
        Prepared statement = statements.get(name);
        if (statement == null) {
            throw new PgError(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
        }
        return statement;
    }

    /** Close: dropping a statement that does not exist is not an error. */
    void close(String name) {
        statements.remove(name);
    }

    /** DEALLOCATE: the statement must exist. */
    void deallocate(String name) {
        get(name);
        statements.remove(name);
    }

    void deallocateAll() {
        statements.clear();
    }
}
