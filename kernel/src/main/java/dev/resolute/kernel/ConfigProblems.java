package dev.resolute.kernel;

import java.util.List;

/** Every configuration problem found, reported together before anything starts. */
public final class ConfigProblems extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    ConfigProblems(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    static ConfigProblems single(String problem) {
        return new ConfigProblems(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.size() == 1) {
            return "1 config problem: " + problems.get(0);
        }
        StringBuilder out = new StringBuilder(problems.size() + " config problems:");
        for (int i = 0; i < problems.size(); i++) {
            out.append("\n  (").append(i + 1).append(") ").append(problems.get(i));
        }
        return out.toString();
    }
}
