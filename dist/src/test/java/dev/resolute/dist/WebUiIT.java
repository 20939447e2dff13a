package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in Debian's headless Chromium against the real server: one test per flow file
 * {@code src/test/ui/*.test.mjs}, each run by Node's test runner with playwright-core (see browser.mjs). The server
 * has the UI test services registered; a second services endpoint is left for a flow to register through the UI.
 * A failing flow leaves its screenshot in target/ui-screenshots/.
 */
class WebUiIT {
    private static final Path FLOWS = Path.of("src/test/ui").toAbsolutePath();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long FLOW_TIMEOUT_SECONDS = 120;

    // static: JUnit fills a static @TempDir before @BeforeAll. Kept when a flow fails: the server's and services' logs.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    private static SdkServices registered;
    private static SdkServices unregistered;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            if (System.getenv("CI") != null) {
                fail(CHROMIUM + " is missing: CI must install Debian's chromium (.ci/run does)");
            }
            assumeTrue(false, "web UI browser tests skipped: " + CHROMIUM + " is missing (sudo apt-get install chromium)");
        }
        registered = SdkServices.typescript(false, tmp.resolve("ui-services.log"), "--module=./ui-services");
        unregistered = SdkServices.typescript(false, tmp.resolve("admin-services.log"), "--module=./services");
        server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp");
        SdkEngine.register(server, registered, false);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable process : new AutoCloseable[] {server, registered, unregistered}) {
            if (process != null) {
                process.close();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> flows() throws Exception {
        List<Path> files;
        try (Stream<Path> listed = Files.list(FLOWS)) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".test.mjs")).sorted().toList();
        }
        assertThat(files).as("flow files in " + FLOWS).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(file)));
    }

    /** Runs one flow file; fails naming it, with the runner's report (which names the failing test and its screenshot). */
    private static void run(Path file) throws Exception {
        String name = file.getFileName().toString();
        Path log = tmp.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-timeout=60000",
                "--test-reporter=spec", file.toString()).directory(FLOWS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ADMIN_URL", server.url("admin"));
        builder.environment().put("INGRESS_URL", server.url("ingress"));
        builder.environment().put("SERVICES_URL", unregistered.uri());
        long started = System.nanoTime();
        Process node = builder.start();
        boolean exited = node.waitFor(FLOW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        }
        String report = Files.readString(log, StandardCharsets.UTF_8);
        System.out.printf("web UI flow %s: %s in %d ms%n", name, exited && node.exitValue() == 0 ? "passed" : "FAILED",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(exited).as("web UI flow %s did not finish within %d s:%n%s", name, FLOW_TIMEOUT_SECONDS, report).isTrue();
        assertThat(node.exitValue()).as("web UI flow %s failed:%n%s", name, report).isZero();
    }
}
