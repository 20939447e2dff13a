package dev.resolute.worker.ids;

import java.util.Objects;

/** Shape checks shared by the id parsers, with messages that quote the offending text. */
final class IdText {
    private static final int QUOTE_LIMIT = 60;

    private IdText() {
    }

    /**
     * @throws IllegalArgumentException unless the text starts with the prefix (type and scheme version, e.g.
     *     {@code inv_1}) and has exactly the given length
     */
    static void check(String text, String what, String prefix, int length) {
        Objects.requireNonNull(text, what);
        if (!text.startsWith(prefix)) {
            throw invalid(text, what, "it must start with \"" + prefix + "\"");
        }
        if (text.length() != length) {
            throw invalid(text, what, "it must have " + length + " characters, not " + text.length());
        }
    }

    /** Decodes base62 at a position of an id, quoting the whole id if that fails. */
    static byte[] base62(String text, String what, int from, int bytes) {
        try {
            return Base62.decode(text, from, bytes);
        } catch (IllegalArgumentException e) {
            throw invalid(text, what, e.getMessage());
        }
    }

    static InvalidIdException invalid(String text, String what, String reason) {
        String quoted = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "…" : text;
        return new InvalidIdException("\"" + quoted + "\" is not a valid " + what + ": " + reason, reason);
    }
}
