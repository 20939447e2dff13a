package dev.resolute.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the DataFusion dialect Restate's CLI writes (reference §4.6) into SQL Calcite's parser accepts, token by
 * token so nothing inside a string literal, quoted identifier or comment changes: {@code ==} becomes {@code =},
 * {@code STRING} becomes {@code VARCHAR}, a reserved word that names a column ({@code key}, {@code value},
 * {@code index}) is quoted, and the aggregate {@code FIRST_VALUE(x ORDER BY y [DESC])} becomes
 * {@code ARG_MIN(x, y)} ({@code ARG_MAX} for DESC), without ORDER BY {@code ANY_VALUE(x)}; {@code FIRST_VALUE}
 * followed by {@code OVER} stays the window function. It remembers where each piece came from, so errors point at
 * the user's text ({@link #originalPosition}).
 */
final class DialectRewriter {
    /** One lexical token of the input: its text and where it starts. */
    private record Token(String text, int start, boolean word) {
        boolean is(String s) {
            return text.equalsIgnoreCase(s);
        }
    }

    /** An output piece and the input offset it stands for. */
    private record Piece(int outStart, int inStart, int inLength, boolean verbatim) {
    }

    private final String input;
    private final StringBuilder out = new StringBuilder();
    private final List<Piece> pieces = new ArrayList<>();

    private DialectRewriter(String input) {
        this.input = input;
    }

    /**
     * @param sql        the user's query
     * @param isColumn   whether a lower-case word names a column of some table (those that are reserved get quoted)
     * @param isReserved whether an upper-case word is reserved in Calcite's parser
     */
    static DialectRewriter rewrite(String sql, Predicate<String> isColumn, Predicate<String> isReserved) {
        DialectRewriter rewriter = new DialectRewriter(sql);
        List<Token> tokens = tokenize(sql);
        rewriter.emit(tokens, 0, tokens.size(), isColumn, isReserved);
        return rewriter;
    }

    String sql() {
        return out.toString();
    }

    /** The 1-based line and column in the user's query of a 1-based line and column in {@link #sql()}. */
    int[] originalPosition(int line, int column) {
        int offset = offsetOf(out, line, column);
        Piece at = pieces.isEmpty() ? new Piece(0, 0, 0, true) : pieces.get(0);
        for (Piece piece : pieces) {
            if (piece.outStart() <= offset) {
                at = piece;
            }
        }
        int within = at.verbatim() ? Math.min(offset - at.outStart(), at.inLength()) : 0;
        return lineAndColumn(input, Math.min(at.inStart() + within, input.length()));
    }

    private void emit(List<Token> tokens, int from, int to, Predicate<String> isColumn, Predicate<String> isReserved) {
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            Token next = i + 1 < to ? tokens.get(i + 1) : null;
            if (t.is("==")) {
                put("=", t, false);
            } else if (t.is("!=")) {
                put("<>", t, false);
            } else if (t.word() && t.is("string")) {
                put("VARCHAR", t, false);
            } else if (t.word() && t.is("first_value") && next != null && next.is("(")) {
                int close = matching(tokens, i + 1, to);
                if (close < 0 || (close + 1 < to && tokens.get(close + 1).is("over"))) {
                    put(t.text(), t, true);
                } else {
                    firstValue(tokens, i, close, isColumn, isReserved);
                    i = close;
                }
            } else if (t.word() && isReserved.test(t.text().toUpperCase(Locale.ROOT)) && isColumn.test(t.text().toLowerCase(Locale.ROOT))
                    && (next == null || !(next.is("(") || next.is("by")))) {
                put("\"" + t.text().toLowerCase(Locale.ROOT) + "\"", t, false);
            } else {
                put(t.text(), t, true);
            }
            if (i + 1 < tokens.size()) {
                int gapStart = tokens.get(i).start() + tokens.get(i).text().length();
                int gapEnd = tokens.get(i + 1).start();
                if (gapEnd > gapStart) {
                    put(input.substring(gapStart, gapEnd), new Token("", gapStart, false), true);
                }
            }
        }
    }

    /** {@code FIRST_VALUE ( x [ORDER BY y [ASC|DESC] [NULLS FIRST|LAST]] )}, tokens {@code at} to {@code close}. */
    private void firstValue(List<Token> tokens, int at, int close, Predicate<String> isColumn, Predicate<String> isReserved) {
        int order = -1;
        int depth = 0;
        for (int i = at + 2; i < close; i++) {
            Token t = tokens.get(i);
            depth += t.is("(") ? 1 : t.is(")") ? -1 : 0;
            if (depth == 0 && t.is("order") && i + 1 < close && tokens.get(i + 1).is("by")) {
                order = i;
                break;
            }
        }
        Token name = tokens.get(at);
        if (order < 0) {
            put("ANY_VALUE", name, false);
            emit(tokens, at + 1, close + 1, isColumn, isReserved);
            return;
        }
        int keyEnd = close;
        boolean descending = false;
        for (int i = order + 2; i < close; i++) {
            Token t = tokens.get(i);
            if (t.is("asc") || t.is("desc") || t.is("nulls")) {
                keyEnd = Math.min(keyEnd, i);
                descending |= t.is("desc");
            }
        }
        put(descending ? "ARG_MAX" : "ARG_MIN", name, false);
        emit(tokens, at + 1, order, isColumn, isReserved); // "(" and the value
        put(", ", tokens.get(order), false);
        emit(tokens, order + 2, keyEnd, isColumn, isReserved);
        put(")", tokens.get(close), false);
    }

    private void put(String text, Token from, boolean verbatim) {
        pieces.add(new Piece(out.length(), from.start(), verbatim ? text.length() : 0, verbatim));
        out.append(text);
    }

    private static int matching(List<Token> tokens, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            depth += tokens.get(i).is("(") ? 1 : tokens.get(i).is(")") ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Words, numbers, quoted literals and identifiers, comments, two-character operators and single characters; blanks are skipped. */
    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int end;
            boolean word = false;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            } else if (c == '\'' || c == '"' || c == '`') {
                end = i + 1;
                while (end < s.length()) {
                    if (s.charAt(end) == c) {
                        if (end + 1 < s.length() && s.charAt(end + 1) == c) {
                            end += 2; // a doubled quote inside the literal
                            continue;
                        }
                        end++;
                        break;
                    }
                    end++;
                }
            } else if (s.startsWith("--", i)) {
                end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                end = i;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_' || s.charAt(end) == '$')) {
                    end++;
                }
                word = Character.isLetter(c) || c == '_';
            } else if (Set.of("==", "!=", "<>", "<=", ">=", "||").contains(s.substring(i, Math.min(i + 2, s.length())))) {
                end = i + 2;
            } else {
                end = i + 1;
            }
            tokens.add(new Token(s.substring(i, end), i, word));
            i = end;
        }
        return tokens;
    }

    private static int offsetOf(CharSequence text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < text.length(); offset++) {
            if (text.charAt(offset) == '\n') {
                l++;
            }
        }
        return Math.min(offset + Math.max(column - 1, 0), text.length());
    }

    private static int[] lineAndColumn(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
