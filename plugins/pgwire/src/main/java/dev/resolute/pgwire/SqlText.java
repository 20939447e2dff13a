package dev.resolute.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lexical work on SQL text that must not look inside string literals, quoted identifiers or comments: splitting a
 * query string into statements, reading a statement's leading keywords, and replacing {@code $n} placeholders.
 */
final class SqlText {
    private SqlText() {
    }

    /** The statements of a simple query, split at top-level semicolons, trimmed; statements with only comments are dropped. */
    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        boolean content = false;
        for (int i = 0; i < sql.length(); ) {
            int end = skipQuoted(sql, i);
            if (end >= 0) {
                content |= !isComment(sql, i);
                i = end;
            } else if (sql.charAt(i) == ';') {
                if (content) {
                    statements.add(sql.substring(start, i).trim());
                }
                start = ++i;
                content = false;
            } else {
                content |= !Character.isWhitespace(sql.charAt(i));
                i++;
            }
        }
        if (content) {
            statements.add(sql.substring(start).trim());
        }
        return statements;
    }

    /** The statement's first {@code max} words outside literals and comments, upper-cased ({@code (select 1)} → SELECT). */
    static List<String> words(String statement, int max) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < statement.length() && words.size() < max; ) {
            int end = skipQuoted(statement, i);
            if (end >= 0) {
                i = end;
            } else if (Character.isLetter(statement.charAt(i)) || statement.charAt(i) == '_') {
                int from = i;
                while (i < statement.length() && isWordPart(statement.charAt(i))) {
                    i++;
                }
                words.add(statement.substring(from, i).toUpperCase(Locale.ROOT));
            } else {
                i++;
            }
        }
        return words;
    }

    /** The highest {@code $n} placeholder the statement uses, 0 if none. */
    static int parameterCount(String statement) {
        int[] max = {0};
        replaceParameters(statement, n -> {
            max[0] = Math.max(max[0], n);
            return "";
        });
        return max[0];
    }

    /** The statement with every {@code $n} replaced by {@code literals.get(n - 1)}. */
    static String bind(String statement, List<String> literals) {
        return replaceParameters(statement, n -> {
            if (n > literals.size()) {
                throw new PgError(SqlState.PROTOCOL_VIOLATION, "there is no parameter $" + n);
            }
            return literals.get(n - 1);
        });
    }

    private interface Replacement {
        String literal(int parameter);
    }

    private static String replaceParameters(String statement, Replacement replacement) {
        StringBuilder out = new StringBuilder(statement.length());
        for (int i = 0; i < statement.length(); ) {
            int end = skipQuoted(statement, i);
            char c = statement.charAt(i);
            if (end >= 0) {
                out.append(statement, i, end);
                i = end;
            } else if (c == '$' && i + 1 < statement.length() && Character.isDigit(statement.charAt(i + 1))
                    && (i == 0 || !isWordPart(statement.charAt(i - 1)))) {
                int from = ++i;
                while (i < statement.length() && Character.isDigit(statement.charAt(i))) {
                    i++;
                }
                int n = parseParameter(statement.substring(from, i));
                // a space on each side: "-$1" with -5 must not become "--5", a comment
                out.append(' ').append(replacement.literal(n)).append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int parseParameter(String digits) {
        try {
            int n = Integer.parseInt(digits);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new PgError(SqlState.SYNTAX_ERROR, "invalid parameter $" + digits);
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isComment(String sql, int i) {
        return sql.startsWith("--", i) || sql.startsWith("/*", i);
    }

    /**
     * If a string literal, quoted identifier, dollar-quoted string or comment starts at {@code i}, the index after
     * it (the end of the text if it is unterminated); otherwise -1.
     */
    static int skipQuoted(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'') {
            boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                    && (i == 1 || !isWordPart(sql.charAt(i - 2)));
            return closeQuote(sql, i + 1, '\'', escapes);
        }
        if (c == '"') {
            return closeQuote(sql, i + 1, '"', false);
        }
        if (sql.startsWith("--", i)) {
            int newline = sql.indexOf('\n', i);
            return newline < 0 ? sql.length() : newline + 1;
        }
        if (sql.startsWith("/*", i)) {
            return closeBlockComment(sql, i + 2);
        }
        if (c == '$' && (i == 0 || !isWordPart(sql.charAt(i - 1)))) {
            int tagEnd = i + 1;
            while (tagEnd < sql.length() && (Character.isLetter(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_'
                    || (tagEnd > i + 1 && Character.isDigit(sql.charAt(tagEnd))))) {
                tagEnd++;
            }
            if (tagEnd < sql.length() && sql.charAt(tagEnd) == '$') {
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                return close < 0 ? sql.length() : close + tag.length();
            }
        }
        return -1;
    }

    private static int closeQuote(String sql, int from, char quote, boolean backslashEscapes) {
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i++;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i + 1;
                }
            }
        }
        return sql.length();
    }

    private static int closeBlockComment(String sql, int from) {
        int depth = 1;
        int i = from;
        while (i < sql.length() && depth > 0) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else {
                i++;
            }
        }
        return i;
    }
}
