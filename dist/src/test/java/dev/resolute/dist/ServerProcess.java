package dev.resolute.dist;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code bin/restate-server} process of a bundle, started in its own working directory
 * with its own base dir, and the addresses it printed.
 */
final class ServerProcess implements AutoCloseable {
    static final Path DEFAULT_BUNDLE = Path.of(System.getProperty("resolute.bundle", "target/resolute"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Process process;
    final Path workDir;
    final Path stdout;
    final Path stderr;

    private ServerProcess(Process process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
        this.stdout = workDir.resolve("stdout.txt");
        this.stderr = workDir.resolve("stderr.txt");
    }

    /** Starts the bundle's launcher with {@code args}; {@code env} is added to a clean environment. */
    static ServerProcess start(Path bundle, Path workDir, Map<String, String> env, String... args) throws IOException {
        ProcessBuilder builder = builder(bundle, workDir, env, args).redirectError(workDir.resolve("stderr.txt").toFile());
        return new ServerProcess(builder.start(), workDir);
    }

    /** Like {@link #start}, with stderr written into the same file as stdout, as a terminal shows both; stderr.txt stays empty. */
    static ServerProcess startInterleaved(Path bundle, Path workDir, Map<String, String> env, String... args) throws IOException {
        ProcessBuilder builder = builder(bundle, workDir, env, args).redirectErrorStream(true);
        Files.writeString(workDir.resolve("stderr.txt"), "");
        return new ServerProcess(builder.start(), workDir);
    }

    private static ProcessBuilder builder(Path bundle, Path workDir, Map<String, String> env, String... args) throws IOException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(bundle.resolve("bin/restate-server").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(workDir.resolve("stdout.txt").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("RESTATE_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return builder;
    }

    /** Starts with random ports, no logo and a base dir in {@code workDir}, and waits until every service is healthy. */
    static ServerProcess startHealthy(Path bundle, Path workDir, Map<String, String> env, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--use-random-ports", "--no-logo", "--node-name", "n1", "--base-dir", workDir.resolve("data").toString()));
        all.addAll(List.of(args));
        ServerProcess server = start(bundle, workDir, env, all.toArray(String[]::new));
        server.awaitHealthy();
        return server;
    }

    /** The {@code service.kind=value} lines printed first on stdout. */
    Map<String, String> addresses() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(stdout)) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("(fabric|admin|ingress|pgwire)\\.(tcp|unix|advertised)")) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    /** {@code http://127.0.0.1:<port>} of a service's TCP listener. */
    String url(String service) throws IOException {
        String address = addresses().get(service + ".tcp");
        if (address == null) {
            throw new IllegalStateException(service + " has no TCP address in " + addresses());
        }
        return "http://127.0.0.1:" + address.substring(address.lastIndexOf(':') + 1);
    }

    void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ": " + output());
            }
            Map<String, String> addresses = addresses();
            if (addresses.containsKey("fabric.advertised") && healthy(addresses)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not healthy within 60 s: " + output());
    }

    private boolean healthy(Map<String, String> addresses) {
        try {
            for (String service : List.of("fabric", "admin", "ingress")) {
                if (addresses.containsKey(service + ".tcp") && get(url(service) + "/health").statusCode() != 200) {
                    return false;
                }
                if (addresses.containsKey(service + ".unix") && !addresses.containsKey(service + ".tcp")
                        && !Curl.run("--unix-socket", addresses.get(service + ".unix"), "http://local/health").startsWith("200")) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends SIGTERM and waits for the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Waits for a process that should exit by itself (bad config, busy port). */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not exit within 60 s");
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return "stdout:\n" + Files.readString(stdout, StandardCharsets.UTF_8) + "\nstderr:\n" + Files.readString(stderr, StandardCharsets.UTF_8);
    }

    String errors() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
