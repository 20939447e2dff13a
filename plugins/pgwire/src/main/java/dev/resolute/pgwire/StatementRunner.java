package dev.resolute.pgwire;

import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one statement of a session: queries go to the {@link QueryEngine}; session commands (SET, SHOW, transaction
 * control) and the functions clients call on connect are answered here. Keeps the session's transaction state:
 * transactions are accepted and read-only, and a write in one fails it.
 */
final class StatementRunner {
    /** ReadyForQuery's transaction status. */
    enum Transaction {
        IDLE('I'), BLOCK('T'), FAILED('E');

        final char status;

        Transaction(char status) {
            this.status = status;
        }
    }

    private static final Pattern SET = Pattern.compile("(?is)SET\\s+(?:SESSION\\s+|LOCAL\\s+)?([a-z_][\\w.]*)\\s*(?:=|\\s+TO\\s+)\\s*(.*?)\\s*;?");
    private static final Pattern SET_TIME_ZONE = Pattern.compile("(?is)SET\\s+(?:SESSION\\s+|LOCAL\\s+)?TIME\\s+ZONE\\s+(.*?)\\s*;?");
    private static final Pattern SET_TRANSACTION = Pattern.compile("(?is)SET\\s+(?:SESSION\\s+CHARACTERISTICS\\s+AS\\s+)?TRANSACTION\\b.*");
    private static final Pattern DEALLOCATE = Pattern.compile("(?is)DEALLOCATE\\s+(?:PREPARE\\s+)?(\"(?:[^\"]|\"\")*\"|[^\\s;]+)\\s*;?");
    private static final Pattern FUNCTION = Pattern.compile(
            "(?is)\\s*SELECT\\s+(?:pg_catalog\\.)?(version|current_schema|current_database|current_user|session_user|pg_backend_pid)\\s*(\\(\\s*\\))?\\s*;?");

    private final Optional<QueryEngine> engine;
    private final SessionSettings settings;
    private final PreparedStatements statements;
    private final String database;
    private final int pid;
    private Transaction transaction = Transaction.IDLE;

    StatementRunner(Optional<QueryEngine> engine, SessionSettings settings, PreparedStatements statements, String database, int pid) {
        this.engine = engine;
        this.settings = settings;
        this.statements = statements;
        this.database = database;
        this.pid = pid;
    }

    Transaction transaction() {
        return transaction;
    }

    /** A statement failed: inside a transaction block, the block now only accepts its end. */
    void failed() {
        if (transaction == Transaction.BLOCK) {
            transaction = Transaction.FAILED;
        }
    }

    /** Runs {@code statement} (parameters already bound). @throws PgError with the client's SQLSTATE */
    Execution run(String statement) {
        StatementKind kind = StatementKind.of(statement);
        if (transaction == Transaction.FAILED && kind != StatementKind.ROLLBACK && kind != StatementKind.COMMIT) {
            throw new PgError(SqlState.IN_FAILED_SQL_TRANSACTION, "current transaction is aborted, commands ignored until end of transaction block");
        }
        return switch (kind) {
            case QUERY -> Execution.rows(query(statement), "SELECT");
            case SHOW -> Execution.rows(show(statement), "SHOW");
            case SET -> set(statement);
            case RESET -> reset(statement);
            case BEGIN -> {
                transaction = Transaction.BLOCK;
                yield Execution.command("BEGIN");
            }
            case COMMIT -> {
                boolean failed = transaction == Transaction.FAILED;
                transaction = Transaction.IDLE;
                yield Execution.command(failed ? "ROLLBACK" : "COMMIT");
            }
            case ROLLBACK -> rollback(statement);
            case SAVEPOINT -> Execution.command("SAVEPOINT");
            case RELEASE -> Execution.command("RELEASE");
            case DEALLOCATE -> deallocate(statement);
            case WRITE -> throw new PgError(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + SqlText.words(statement, 1).get(0)
                    + " in a read-only transaction: Resolute's introspection tables can be queried, not changed");
            case UNSUPPORTED -> throw new PgError(SqlState.FEATURE_NOT_SUPPORTED, "statement not supported: "
                    + String.join(" ", SqlText.words(statement, 1)) + " (this endpoint answers SELECT, SHOW, SET and transaction control)");
        };
    }

    /** The columns {@code statement} would return, or empty if it returns none; runs nothing with side effects. */
    Optional<List<TableColumn>> describe(String statement) {
        StatementKind kind = StatementKind.of(statement);
        if (kind != StatementKind.QUERY && kind != StatementKind.SHOW) {
            return Optional.empty();
        }
        try (Rows rows = kind == StatementKind.QUERY ? query(statement) : show(statement)) {
            return Optional.of(rows.columns());
        }
    }

    private Rows query(String statement) {
        Matcher function = FUNCTION.matcher(statement);
        if (function.matches()) {
            return function(function.group(1).toLowerCase(Locale.ROOT));
        }
        QueryEngine sql = engine.orElseThrow(() -> new PgError(SqlState.FEATURE_NOT_SUPPORTED,
                "this node cannot answer queries: the sql plugin is not installed (add its folder plugins/sql/ to the distribution)"));
        try {
            return Rows.of(sql.execute(statement));
        } catch (QueryException e) {
            throw SqlState.of(e);
        }
    }

    /** The functions clients and tools call on connect, which the introspection engine has no reason to know. */
    private Rows function(String name) {
        Object value = switch (name) {
            case "version" -> "PostgreSQL " + SessionSettings.SERVER_VERSION + ", Resolute's introspection endpoint";
            case "current_schema" -> "public";
            case "current_database" -> database;
            case "pg_backend_pid" -> (long) pid;
            default -> settings.show("session_authorization").getValue();
        };
        SqlType type = value instanceof Long ? SqlType.INT64 : SqlType.UTF8;
        return Rows.of(List.of(new TableColumn(name, type)), List.<Object[]>of(new Object[] {value}));
    }

    private Rows show(String statement) {
        String name = statement.trim().replaceFirst("(?is)^SHOW\\s+", "").replaceFirst(";\\s*$", "").trim();
        String normalized = name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (normalized.equals("all")) {
            List<TableColumn> columns = List.of(new TableColumn("name", SqlType.UTF8), new TableColumn("setting", SqlType.UTF8),
                    new TableColumn("description", SqlType.UTF8));
            return Rows.of(columns, settings.all());
        }
        String parameter = switch (normalized) {
            case "transaction isolation level" -> "transaction_isolation";
            case "time zone" -> "TimeZone";
            case "session authorization" -> "session_authorization";
            default -> unquote(name);
        };
        Map.Entry<String, String> setting = settings.show(parameter);
        return Rows.of(List.of(new TableColumn(setting.getKey(), SqlType.UTF8)), List.<Object[]>of(new Object[] {setting.getValue()}));
    }

    private Execution set(String statement) {
        if (SET_TRANSACTION.matcher(statement).matches()) {
            return Execution.command("SET"); // isolation and access modes: every transaction here is a read-only snapshot anyway
        }
        Matcher timeZone = SET_TIME_ZONE.matcher(statement);
        Matcher assignment = SET.matcher(statement);
        String name;
        String value;
        if (timeZone.matches()) {
            name = "TimeZone";
            value = timeZone.group(1);
        } else if (assignment.matches()) {
            name = assignment.group(1);
            value = assignment.group(2);
        } else {
            throw new PgError(SqlState.SYNTAX_ERROR, "syntax error in SET: expected SET name = value or SET name TO value");
        }
        String parsed = value.equalsIgnoreCase("DEFAULT") || value.equalsIgnoreCase("LOCAL") ? null : unquote(value);
        return new Execution(null, "SET", settings.set(name, parsed));
    }

    private Execution reset(String statement) {
        String name = statement.trim().replaceFirst("(?is)^RESET\\s+", "").replaceFirst(";\\s*$", "").trim();
        if (name.equalsIgnoreCase("ALL")) {
            return Execution.command("RESET");
        }
        return new Execution(null, "RESET", settings.set(unquote(name), null));
    }

    private Execution deallocate(String statement) {
        Matcher deallocate = DEALLOCATE.matcher(statement);
        if (!deallocate.matches()) {
            throw new PgError(SqlState.SYNTAX_ERROR, "syntax error in DEALLOCATE: expected DEALLOCATE [PREPARE] name or DEALLOCATE ALL");
        }
        String name = deallocate.group(1);
        if (name.equalsIgnoreCase("ALL")) {
            statements.deallocateAll();
            return Execution.command("DEALLOCATE ALL");
        }
        // an unquoted name folds to lower case, as every SQL identifier in Postgres
        statements.deallocate(name.startsWith("\"") ? unquote(name) : name.toLowerCase(Locale.ROOT));
        return Execution.command("DEALLOCATE");
    }

    private Execution rollback(String statement) {
        List<String> words = SqlText.words(statement, 3);
        if (words.contains("TO")) {
            if (transaction == Transaction.FAILED) {
                transaction = Transaction.BLOCK; // rolling back to a savepoint recovers the block
            }
            return Execution.command("ROLLBACK");
        }
        transaction = Transaction.IDLE;
        return Execution.command("ROLLBACK");
    }

    /** A value as SET/SHOW write it: {@code 'it''s'} → {@code it's}; several comma-separated values stay as they are. */
    private static String unquote(String value) {
        String trimmed = value.trim();
        if (trimmed.length() >= 2 && (trimmed.startsWith("'") && trimmed.endsWith("'") || trimmed.startsWith("\"") && trimmed.endsWith("\""))
                && SqlText.skipQuoted(trimmed, 0) == trimmed.length()) {
            char quote = trimmed.charAt(0);
            return trimmed.substring(1, trimmed.length() - 1).replace("" + quote + quote, "" + quote);
        }
        return trimmed;
    }
}
