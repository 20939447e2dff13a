package dev.resolute.dist;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Official-SDK test services as a real process on a free loopback port: the TypeScript services of
 * test-services/typescript (installed by `npm ci` in ./run-tests) or the Java services of
 * test-services/java. Both print {@code listening on <port>} once bound and log every ctx.run
 * execution to the exec log.
 */
final class SdkServices implements AutoCloseable {
    static final Path TYPESCRIPT = Path.of("../test-services/typescript").toAbsolutePath().normalize();
    static final Path JAVA = Path.of("../test-services/java/target").toAbsolutePath().normalize();

    final Process process;
    final int port;

    private SdkServices(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The TypeScript engine services: HTTP/2 bidi, or HTTP/1.1 request/response with {@code http1};
     * {@code options} are more flags of serve.js ({@code --identity=publickeyv1_…}).
     */
    static SdkServices typescript(boolean http1, Path execLog, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "serve.js", "--engine", "0"));
        if (http1) {
            command.add("--http1");
        }
        command.addAll(List.of(options));
        return start(command, TYPESCRIPT, execLog, execLog.resolveSibling(execLog.getFileName() + ".node.log"));
    }

    /** The Java services; their log (stderr) goes to {@code java-services.log} next to the exec log. */
    static SdkServices java(Path execLog) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = JAVA.resolve("lib") + "/*" + File.pathSeparator + javaModuleJar();
        return start(List.of(java, "-cp", classpath, "dev.resolute.testservices.java.Main", "0"), JAVA, execLog,
                execLog.resolveSibling("java-services.log"));
    }

    private static SdkServices start(List<String> command, Path dir, Path execLog, Path log) throws Exception {
        Path stdout = log.resolveSibling(log.getFileName() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(log.toFile());
        builder.environment().put("EXEC_LOG", execLog.toString());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (process.isAlive() && System.nanoTime() < deadline) {
            // the SDK may print warnings first; the port line is the one that counts
            for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
                if (line.startsWith("listening on ")) {
                    return new SdkServices(process, Integer.parseInt(line.substring("listening on ".length()).trim()));
                }
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("services did not start: " + command + "\n" + Files.readString(stdout) + Files.readString(log));
    }

    /** The Java module's own jar, whatever the project version. */
    private static Path javaModuleJar() throws IOException {
        try (Stream<Path> files = Files.list(JAVA)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("resolute-test-services-java-.*\\.jar")).toList();
            if (jars.size() != 1 || !Files.isDirectory(JAVA.resolve("lib"))) {
                throw new IllegalStateException("build test-services/java first (mvn package); found " + jars + " in " + JAVA);
            }
            return jars.get(0);
        }
    }

    String uri() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
