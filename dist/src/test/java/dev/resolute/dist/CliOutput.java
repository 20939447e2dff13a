package dev.resolute.dist;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CLI's text output made comparable across two servers: what must differ between them (ids, timestamps, ages and
 * durations, retry counts, the services' port) is replaced by a placeholder, runs of spaces (column widths follow the
 * longest cell) become one, and the lines are sorted, because both servers list a deployment's services and a
 * service's handlers in hash-map order (a table row whose last cell starts such a list, as in
 * {@code deployments list}, is split there first). What {@link QueryRows} leaves out of the rows is left out of the
 * text too: the official ingress's generated idempotency keys, the names of error codes,
 * a paused invocation's last failure, the handler of a key's first completed invocation.
 */
final class CliOutput {
    private static final Pattern IDS = Pattern.compile("\\b(dp|inv|sign|prom)_[0-9A-Za-z_-]+");
    /** The CLI's human timestamps: {@code Thu 03 Dec 2026 13:37:12 +00:00}. */
    private static final Pattern HUMAN_TIME = Pattern.compile("[A-Z][a-z]{2} \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{2}:\\d{2}");
    /** The CLI's precise timestamps ({@code 2026-12-03 13:39:10.339 +00:00}), how long ago, and how long a query took. */
    private static final Pattern PRECISE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)? [+-]\\d{2}:\\d{2}");
    /** Milliseconds since the epoch: a sleep's wake-up time in the journal's JSON, as {@code restate sql} prints it. */
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\b1[6-9]\\d{11}\\b");
    private static final Pattern AGO = Pattern.compile("\\([^()]* ago\\)");
    private static final Pattern TOOK = Pattern.compile("Query took \\S+");
    /** The CLI's human durations ({@code 12 seconds and 930 ms}) and retry counts: they tell how long ago, not what. */
    private static final Pattern DURATION = Pattern.compile("\\d+ (days?|hours?|minutes?|seconds?|ms)((, | and )\\d+ (days?|hours?|minutes?|seconds?|ms))*");
    private static final Pattern RETRIED = Pattern.compile("Retried \\d+ time");
    /** The random idempotency key the official ingress gives a call without one. */
    private static final Pattern ULID = Pattern.compile("\\b[0-9A-HJKMNP-TV-Z]{26}\\b");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    /** services status' handler of a key's first completed invocation: arbitrary (see QueryRows). */
    private static final Pattern COMPLETED_HOLDER = Pattern.compile("\\(completed\\) \\S+$");
    /** restate-server names the codes it knows in a last failure ({@code [500 Internal]}); Resolute shows the number. */
    private static final Pattern CODE_NAME = Pattern.compile("\\[(\\d{3}) [A-Z][a-z ]+\\]");
    /** Where a row's cell with the first {@code - Service [revision]} of a list begins. */
    private static final Pattern LIST_CELL = Pattern.compile("(?<=\\S) (?=- \\S+ \\[\\d+\\]$)");

    private CliOutput() {
    }

    /**
     * A paused invocation's paragraph keeps only its header, target and status: Resolute shows the failure that paused
     * it and the last attempt, restate-server has forgotten them (see QueryRows).
     */
    private static String withoutPausedFailures(String text) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.split("\n\\s*\n")) {
            boolean paused = Pattern.compile("Status: +paused").matcher(paragraph).find();
            for (String line : paragraph.split("\n")) {
                if (!paused || line.contains("❯") || line.contains("Target:") || line.contains("Status:")) {
                    out.append(line).append('\n');
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code output}'s lines normalised and sorted; {@code servicesUri} (the side's own services) becomes {@code <services>}. */
    static List<String> comparable(String output, String servicesUri) {
        String text = output.replace(servicesUri + "/", "<services>/").replace(servicesUri, "<services>");
        text = IDS.matcher(text).replaceAll("$1_<id>");
        text = HUMAN_TIME.matcher(text).replaceAll("<time>");
        text = PRECISE_TIME.matcher(text).replaceAll("<time>");
        text = AGO.matcher(text).replaceAll("(<ago>)");
        text = EPOCH_MILLIS.matcher(text).replaceAll("<millis>");
        text = TOOK.matcher(text).replaceAll("Query took <duration>");
        text = DURATION.matcher(text).replaceAll("<duration>");
        text = RETRIED.matcher(text).replaceAll("Retried <n> time");
        text = ULID.matcher(text).replaceAll("<generated>");
        return Arrays.stream(withoutPausedFailures(text).split("\n"))
                .map(line -> SPACES.matcher(line.strip()).replaceAll(" "))
                .filter(line -> !line.equals("Idempotency key: <generated>")) // the official ingress's own keys (QueryRows)
                .map(line -> CODE_NAME.matcher(line).replaceAll("[$1]"))
                .map(line -> COMPLETED_HOLDER.matcher(line).replaceAll("(completed) <handler>"))
                .flatMap(line -> Arrays.stream(LIST_CELL.split(line)))
                .filter(line -> !line.isEmpty())
                .sorted()
                .toList();
    }
}
