package dev.resolute.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The TypeScript SDK test services (test-services/typescript, installed by `npm ci` in .ci/run) as a
 * real node process on a free port: HTTP/2 bidi by default, HTTP/1.1 request/response with {@code http1}.
 */
final class NodeServices implements AutoCloseable {
    static final Path DIR = Path.of("../test-services/typescript").toAbsolutePath().normalize();

    final Process process;
    final int port;

    private NodeServices(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static NodeServices start(boolean http1, Path execLog) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "serve.js", "--engine", "0"));
        if (http1) {
            command.add("--http1");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
        builder.environment().put("EXEC_LOG", execLog.toString());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> { // the SDK may log a warning first
            try {
                String next;
                while ((next = out.readLine()) != null && !next.startsWith("listening on ")) {
                    // skip
                }
                return next;
            } catch (IOException e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("listening on ")) {
            process.destroyForcibly();
            throw new IllegalStateException("node services did not start: " + line);
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "node-output");
        drain.setDaemon(true);
        drain.start();
        return new NodeServices(process, Integer.parseInt(line.substring("listening on ".length()).trim()));
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
