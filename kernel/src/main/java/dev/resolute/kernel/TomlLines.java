package dev.resolute.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line of each key in a TOML text, so configuration problems can name
 * {@code restate.toml:12}. Jackson's TOML reader gives values without positions.
 */
final class TomlLines {
    private final Map<String, Integer> lines = new HashMap<>();

    TomlLines(String text) {
        List<String> table = List.of();
        String[] all = text.split("\r?\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                String header = line.replaceAll("^\\[+|\\].*$", "");
                table = segments(header);
                lines.putIfAbsent(String.join(".", table), i + 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                List<String> path = new ArrayList<>(table);
                path.addAll(segments(line.substring(0, eq)));
                lines.putIfAbsent(String.join(".", path), i + 1);
            }
        }
    }

    /** The line that sets {@code path} or its nearest enclosing key or table; 0 if unknown. */
    int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int dot = p.lastIndexOf('.');
            if (dot < 0) {
                return 0;
            }
            p = p.substring(0, dot);
        }
    }

    private static List<String> segments(String dotted) {
        List<String> out = new ArrayList<>();
        for (String part : dotted.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String s = part.strip();
            if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
                s = s.substring(1, s.length() - 1);
            }
            out.add(s);
        }
        return out;
    }
}
