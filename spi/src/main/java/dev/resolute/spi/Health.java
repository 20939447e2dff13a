package dev.resolute.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The node's health, one instance shared by all plugins through {@link PluginContext#health()}: a
 * component that can no longer serve reports a problem here, and every {@code /health} endpoint
 * answers 503 naming the problems while there are any. Thread-safe.
 */
public final class Health {
    private final Map<String, String> problems = new LinkedHashMap<>();

    /**
     * Records that {@code component} is broken, with a reason a person can act on. A later report for
     * the same component replaces the earlier one.
     */
    public synchronized void reportProblem(String component, String reason) {
        problems.put(Objects.requireNonNull(component, "component"), Objects.requireNonNull(reason, "reason"));
    }

    /** Clears the problem {@code component} reported, if any. */
    public synchronized void clearProblem(String component) {
        problems.remove(component);
    }

    /** The current problems, one line each ({@code component: reason}), in the order reported; empty when healthy. */
    public synchronized List<String> problems() {
        List<String> lines = new ArrayList<>();
        problems.forEach((component, reason) -> lines.add(component + ": " + reason));
        return lines;
    }

    /**
     * The body every {@code /health} endpoint answers with its 503 while there are problems:
     * {@code {"status":"unhealthy","problems":["worker: ...", ...]}}.
     */
    public String unhealthyJson() {
        StringBuilder out = new StringBuilder("{\"status\":\"unhealthy\",\"problems\":[");
        List<String> lines = problems();
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? "" : ",").append('"');
            for (char c : lines.get(i).toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }
        return out.append("]}").toString();
    }
}
