package dev.resolute.pgwire;

import dev.resolute.spi.query.QueryException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The SQLSTATE codes this endpoint answers with (Postgres' errcodes.txt). */
enum SqlState {
    FEATURE_NOT_SUPPORTED("0A000"),
    INVALID_TEXT_REPRESENTATION("22P02"),
    INVALID_PARAMETER_VALUE("22023"),
    READ_ONLY_SQL_TRANSACTION("25006"),
    IN_FAILED_SQL_TRANSACTION("25P02"),
    INVALID_SQL_STATEMENT_NAME("26000"),
    INVALID_CURSOR_NAME("34000"),
    SYNTAX_ERROR("42601"),
    UNDEFINED_TABLE("42P01"),
    UNDEFINED_COLUMN("42703"),
    UNDEFINED_OBJECT("42704"),
    DUPLICATE_PREPARED_STATEMENT("42P05"),
    OUT_OF_MEMORY("53200"),
    TOO_MANY_CONNECTIONS("53300"),
    QUERY_CANCELED("57014"),
    ADMIN_SHUTDOWN("57P01"),
    PROTOCOL_VIOLATION("08P01"),
    INTERNAL_ERROR("XX000");

    /** Names as engines word them: Calcite's "Column 'x' not found", "Object 'x' not found", "Table 'x' not found". */
    private static final Pattern UNKNOWN_COLUMN = Pattern.compile("column '[^']*' (not found|does not exist)|(unknown|no such) column");
    private static final Pattern UNKNOWN_TABLE = Pattern.compile("(object|table|relation) '[^']*' (not found|does not exist)|(unknown|no such) table");

    private final String code;

    SqlState(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    /** The Postgres error a query the engine refused becomes; an invalid query is told apart by what its message names. */
    static PgError of(QueryException e) {
        String message = e.getMessage() == null ? e.kind().name() : e.getMessage();
        SqlState state = switch (e.kind()) {
            case INVALID -> invalid(message.toLowerCase(Locale.ROOT));
            case UNSUPPORTED -> FEATURE_NOT_SUPPORTED;
            case BUSY -> TOO_MANY_CONNECTIONS;
            case RESOURCES_EXHAUSTED -> OUT_OF_MEMORY;
            case FAILED -> INTERNAL_ERROR;
        };
        return new PgError(state, message);
    }

    private static SqlState invalid(String message) {
        if (UNKNOWN_COLUMN.matcher(message).find()) {
            return UNDEFINED_COLUMN;
        }
        if (UNKNOWN_TABLE.matcher(message).find()) {
            return UNDEFINED_TABLE;
        }
        return SYNTAX_ERROR;
    }
}
