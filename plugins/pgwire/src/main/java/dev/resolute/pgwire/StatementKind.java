package dev.resolute.pgwire;

import java.util.List;
import java.util.Set;

/** What a statement is, read from its leading keywords: the engine answers queries, the endpoint the rest. */
enum StatementKind {
    QUERY, SHOW, SET, RESET, BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, DEALLOCATE, WRITE, UNSUPPORTED;

    /** Statements that change data or schema: refused as in a read-only transaction (25006). */
    private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "CREATE", "DROP",
            "ALTER", "TRUNCATE", "GRANT", "REVOKE", "COPY", "COMMENT", "REINDEX", "VACUUM", "CLUSTER", "REFRESH", "LOCK",
            "IMPORT", "CALL", "SECURITY", "ANALYZE", "RENAME");
    private static final Set<String> QUERIES = Set.of("SELECT", "VALUES", "TABLE", "EXPLAIN", "DESCRIBE");

    static StatementKind of(String statement) {
        List<String> words = SqlText.words(statement, 2);
        String first = words.isEmpty() ? "" : words.get(0);
        if (first.equals("WITH")) {
            // a data-modifying CTE (WITH … INSERT …) is a write wherever its INSERT sits
            return SqlText.words(statement, Integer.MAX_VALUE).stream().anyMatch(w -> Set.of("INSERT", "UPDATE", "DELETE", "MERGE").contains(w))
                    ? WRITE : QUERY;
        }
        if (QUERIES.contains(first)) {
            return QUERY;
        }
        if (WRITES.contains(first)) {
            return WRITE;
        }
        return switch (first) {
            case "SHOW" -> SHOW;
            case "SET" -> SET;
            case "RESET" -> RESET;
            case "BEGIN", "START" -> BEGIN;
            case "COMMIT", "END" -> COMMIT;
            case "ROLLBACK", "ABORT" -> ROLLBACK;
            case "SAVEPOINT" -> SAVEPOINT;
            case "RELEASE" -> RELEASE;
            case "DEALLOCATE" -> DEALLOCATE;
            default -> UNSUPPORTED;
        };
    }
}
