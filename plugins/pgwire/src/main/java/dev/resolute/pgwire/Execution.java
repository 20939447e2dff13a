package dev.resolute.pgwire;

import java.util.Map;
import java.util.Optional;

/**
 * What running one statement produced: rows to stream (then CommandComplete {@code <tag> <count>}), or just a
 * command tag; and a changed parameter to report.
 *
 * @param rows            the rows, or null for a statement without a result
 * @param tag             the command tag ({@code SELECT}, {@code SHOW}, {@code SET}, {@code BEGIN} …)
 * @param parameterStatus a reported parameter the statement changed
 */
record Execution(Rows rows, String tag, Optional<Map.Entry<String, String>> parameterStatus) {

    static Execution rows(Rows rows, String tag) {
        return new Execution(rows, tag, Optional.empty());
    }

    static Execution command(String tag) {
        return new Execution(null, tag, Optional.empty());
    }

    /** The CommandComplete tag once {@code count} rows were sent. */
    String completeTag(long count) {
        return rows == null || tag.equals("SHOW") ? tag : tag + " " + count;
    }
}
