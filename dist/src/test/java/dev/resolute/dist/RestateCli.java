package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official {@code restate} CLI (npm @restatedev/restate 1.7.12) pointed at one admin API, run as a user would but
 * without a terminal: its own HOME and config dir (no user config, no {@code .env} from the working directory, which
 * the CLI would load), no colours, and an editor that is a script, for {@code config edit} and {@code state edit}.
 * Callers pass {@code --yes} where the CLI asks for confirmation.
 */
final class RestateCli {
    // the native binary behind node_modules/.bin/restate's node wrapper: a timed-out run is killed, not orphaned
    static final Path BINARY = SdkServices.TYPESCRIPT.resolve("node_modules/@restatedev/restate-linux-x64/bin/restate");
    private static final long TIMEOUT_SECONDS = 60;

    /** What one run printed (stdout and stderr interleaved, as a terminal shows them) and its exit code. */
    record Result(int exitCode, String output) {
    }

    /** A SQL query the CLI sent to {@code POST /query}, asking for JSON rows or (otherwise) an Arrow stream. */
    record SentQuery(boolean json, String sql) {
    }

    /** A run with the CLI's debug log on: its exit code, what it printed on stdout, and the SQL it sent, in order. */
    record Traced(int exitCode, String stdout, List<SentQuery> queries) {
    }

    /** The CLI's debug line for each query; a log record ends where the next one's timestamp starts a line. */
    private static final Pattern SENT_QUERY = Pattern.compile(
            "Sending request sql query with (json|arrow) output '(.*?)'\n(?=\\d{4}-\\d{2}-\\d{2}T|\\z)", Pattern.DOTALL);

    private final String adminUrl;
    private final Path dir;
    private final Path editorScript;
    private final Path editorInput;
    private final Path editorSaw;
    private final AtomicInteger runs = new AtomicInteger();

    /** A CLI for the admin API at {@code adminUrl}; {@code dir} holds its HOME, config dir, editor and outputs. */
    RestateCli(String adminUrl, Path dir) throws IOException {
        this.adminUrl = adminUrl;
        this.dir = Files.createDirectories(dir);
        this.editorInput = dir.resolve("editor-input");
        this.editorSaw = dir.resolve("editor-saw");
        this.editorScript = dir.resolve("editor.sh");
        // the CLI runs `$RESTATE_EDITOR <file>` and reads the file back once the editor exits 0
        Files.writeString(editorScript, "#!/bin/sh\ncp \"$1\" '" + editorSaw + "' && cp '" + editorInput + "' \"$1\"\n");
        Files.setPosixFilePermissions(editorScript, PosixFilePermissions.fromString("rwx------"));
    }

    /** Runs {@code restate args…} and returns its exit code and output, whatever they are. */
    Result run(String... args) throws Exception {
        Path output = dir.resolve("run-" + runs.incrementAndGet() + ".out");
        ProcessBuilder builder = builder(args).redirectErrorStream(true).redirectOutput(output.toFile());
        return new Result(await(builder.start(), output, args), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** Runs {@code restate -vvv args…}: the debug log (stderr) tells which SQL queries the command sent. */
    Traced traced(String... args) throws Exception {
        int run = runs.incrementAndGet();
        Path stdout = dir.resolve("run-" + run + ".out");
        Path log = dir.resolve("run-" + run + ".log");
        List<String> verbose = new ArrayList<>(List.of("-vvv"));
        verbose.addAll(List.of(args));
        ProcessBuilder builder = builder(verbose.toArray(String[]::new)).redirectOutput(stdout.toFile()).redirectError(log.toFile());
        int exitCode = await(builder.start(), stdout, args);
        List<SentQuery> queries = new ArrayList<>();
        Matcher sent = SENT_QUERY.matcher(Files.readString(log, StandardCharsets.UTF_8));
        while (sent.find()) {
            queries.add(new SentQuery(sent.group(1).equals("json"), sent.group(2)));
        }
        return new Traced(exitCode, Files.readString(stdout, StandardCharsets.UTF_8), queries);
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("RESTATE_") || k.equals("CI"));
        builder.environment().put("RESTATE_ADMIN_URL", adminUrl);
        builder.environment().put("RESTATE_CLI_CONFIG_HOME", dir.toString());
        builder.environment().put("RESTATE_EDITOR", editorScript.toString());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("NO_COLOR", "1");
        builder.environment().put("TERM", "dumb");
        return builder;
    }

    private static int await(Process process, Path output, String... args) throws Exception {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("restate " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS
                    + " s:\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        return process.exitValue();
    }

    /** Runs the command, asserts it exits 0 and returns its output. */
    String ok(String... args) throws Exception {
        Result result = run(args);
        assertThat(result.exitCode()).as("restate " + String.join(" ", args) + ":\n" + result.output()).isZero();
        return result.output();
    }

    /** Runs the command, asserts it fails (exit code not 0) and returns its output. */
    String fails(String... args) throws Exception {
        Result result = run(args);
        assertThat(result.exitCode()).as("restate " + String.join(" ", args) + " should fail:\n" + result.output()).isNotZero();
        return result.output();
    }

    /** What the editor writes over the file the CLI gives it, in the next {@code … edit} commands. */
    void editorWrites(String content) throws IOException {
        Files.writeString(editorInput, content);
    }

    /** The file the CLI gave the editor last (before the editor replaced it). */
    String editorSaw() throws IOException {
        return Files.readString(editorSaw, StandardCharsets.UTF_8);
    }
}
