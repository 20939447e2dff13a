package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Polling for what the server and the services do in their own time: up to 30 s, then the test fails saying what it
 * waited for. The exec log is the file the test services append a line to for every ctx.run execution.
 */
final class Await {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    static void until(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Posts to {@code url} (no body) until it answers {@code expected}. */
    static void body(String url, String expected) throws Exception {
        assertThat(poll(url, expected::equals)).as(url).isEqualTo(expected);
    }

    /** Posts to {@code url} (no body) until its answer matches. */
    static void body(String url, Predicate<String> expected) throws Exception {
        String last = poll(url, expected);
        assertThat(expected.test(last)).as("%s answered %s", url, last).isTrue();
    }

    /** The last answer: the first that matched, or the one at the deadline. */
    private static String poll(String url, Predicate<String> expected) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = Http.post(url, null).body();
        while (!expected.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = Http.post(url, null).body();
        }
        return last;
    }

    /** Until {@code log} holds {@code line}. */
    static void line(Path log, String line) throws Exception {
        until(() -> loggedLines(log).contains(line), "'" + line + "' in " + log);
    }

    /** The rest of the {@code n}th (from 0) line of {@code log} that starts with {@code prefix}, once there is one. */
    static String logged(Path log, String prefix, int n) throws Exception {
        until(() -> logged(log, prefix).size() > n, "line " + (n + 1) + " starting with '" + prefix + "' in " + log);
        return logged(log, prefix).get(n);
    }

    /** The rest of each line of {@code log} that starts with {@code prefix}, as far as it is written. */
    static List<String> logged(Path log, String prefix) throws Exception {
        return loggedLines(log).stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }

    private static List<String> loggedLines(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
