package dev.resolute.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The npm package in {@code test-services/typescript}: real Restate SDK services and the official CLI.
 * {@code ./run-tests} installs it with {@code npm ci} before the build; a missing install (a build run
 * without it) fails the test with the command to run, rather than skipping it.
 */
final class TestServices {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\d+)");

    private TestServices() {
    }

    /** The package folder, found upwards from the module's directory. */
    static Path dir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("test-services/typescript");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                if (!Files.isDirectory(candidate.resolve("node_modules/@restatedev/restate-sdk"))) {
                    throw new AssertionError("the test services are not installed; run ./run-tests, or: (cd " + candidate + " && npm ci --ignore-scripts)");
                }
                return candidate;
            }
        }
        throw new AssertionError("test-services/typescript not found above " + here);
    }

    /** The official {@code restate} CLI installed by the package. */
    static Path cli() {
        return dir().resolve("node_modules/.bin/restate");
    }

    /** A running {@code node serve.js}: the TS services on a free loopback port. */
    static final class NodeService implements AutoCloseable {
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final int port;

        /** @param http1 an HTTP/1.1 server in request/response mode instead of h2c bidi */
        NodeService(boolean http1) throws Exception {
            List<String> command = http1 ? List.of("node", "serve.js", "0", "--http1") : List.of("node", "serve.js", "0");
            process = new ProcessBuilder(command).directory(dir().toFile()).start();
            CompletableFuture<Integer> bound = new CompletableFuture<>();
            drain(process.getInputStream(), bound);
            drain(process.getErrorStream(), bound);
            try {
                port = bound.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                close();
                throw new AssertionError("node serve.js did not start: " + e + "; output:\n" + output, e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        String output() {
            return output.toString();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }

        private void drain(InputStream stream, CompletableFuture<Integer> bound) {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        output.append(line).append('\n');
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            bound.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                } catch (IOException e) {
                    output.append("(reading failed: ").append(e).append(")\n");
                }
                bound.completeExceptionally(new IllegalStateException("node exited"));
            }, "node-output");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** What a finished CLI command printed. */
    record CliRun(int exitCode, String output) {
    }

    /** Runs the official CLI against an admin URL; its config home is {@code home}, so user settings stay out. */
    static CliRun restate(java.net.URI adminUrl, Path home, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(cli().toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(home, "restate-cli", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("RESTATE_ADMIN_URL", adminUrl.toString());
        env.put("RESTATE_CLI_CONFIG_HOME", home.toString());
        env.put("HOME", home.toString());
        env.put("NO_COLOR", "1");
        env.remove("RESTATE_ENVIRONMENT");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("restate " + String.join(" ", args) + " did not finish; output:\n" + Files.readString(output));
        }
        return new CliRun(process.exitValue(), Files.readString(output));
    }
}
