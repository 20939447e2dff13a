package dev.resolute.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Restate's environment-variable mapping: {@code RESTATE_} + path, {@code __} between sections,
 * {@code _} for {@code -}. {@code RESTATE_ADMIN__BIND_PORT} is {@code admin.bind-port}.
 */
final class EnvVars {
    static final String PREFIX = "RESTATE_";
    /** Variables with the prefix that are not configuration keys. */
    static final List<String> NOT_KEYS = List.of("RESTATE_CONFIG");

    private EnvVars() {
    }

    /** The key path segments a variable sets, or empty if it is not a configuration variable. */
    static Optional<List<String>> pathOf(String variable) {
        if (!variable.startsWith(PREFIX) || NOT_KEYS.contains(variable) || variable.length() == PREFIX.length()) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        for (String part : variable.substring(PREFIX.length()).split("__", -1)) {
            segments.add(part.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return Optional.of(segments);
    }

    /** The variable that sets {@code key} (a dotted path). */
    static String nameOf(String key) {
        return PREFIX + key.replace('.', '\u0000').replace('-', '_').replace("\u0000", "__").toUpperCase(Locale.ROOT);
    }
}
