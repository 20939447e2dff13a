package dev.resolute.dist;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official Restate server (npm @restatedev/restate-server 1.7.12, a native binary of about 200 MB) as the reference the
 * differential tests compare Resolute with: one node with its own base dir, node name and free loopback ports, TCP
 * only, started and stopped as a process. Its log (stdout and stderr, no ANSI colours) is {@code workDir/server.log}.
 */
final class OfficialServer implements AutoCloseable {
    // the native binary itself, not node_modules/.bin's node wrapper: a SIGKILL must reach the server, not orphan it
    static final Path BINARY = SdkServices.TYPESCRIPT.resolve("node_modules/@restatedev/restate-server-linux-x64/bin/restate-server");
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path log;
    private final int adminPort;
    private final int ingressPort;

    private OfficialServer(Process process, Path log, int adminPort, int ingressPort) {
        this.process = process;
        this.log = log;
        this.adminPort = adminPort;
        this.ingressPort = ingressPort;
    }

    /** Starts a fresh node in {@code workDir} and waits until its admin API and ingress are healthy and its partitions run. */
    static OfficialServer startHealthy(Path workDir) throws Exception {
        Files.createDirectories(workDir);
        int[] ports = freePorts(3);
        Path log = workDir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(BINARY.toString(), "--no-logo", "--listen-mode", "tcp",
                "--node-name", "n1", "--base-dir", workDir.resolve("data").toString(),
                "--advertised-host", "127.0.0.1", "--bind-port", Integer.toString(ports[0])))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("RESTATE_"));
        builder.environment().put("RESTATE_ADMIN__BIND_PORT", Integer.toString(ports[1]));
        builder.environment().put("RESTATE_INGRESS__BIND_PORT", Integer.toString(ports[2]));
        builder.environment().put("RESTATE_LOG_DISABLE_ANSI_CODES", "true");
        builder.environment().put("RESTATE_DISABLE_TELEMETRY", "true");
        OfficialServer server = new OfficialServer(builder.start(), log, ports[1], ports[2]);
        try {
            server.awaitHealthy();
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Distinct ports free at this moment: the server binds them a moment later (a rare race, as for any fixed port). */
    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket();
                sockets[i].bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("restate-server exited with " + process.exitValue() + ":\n" + log());
            }
            if (answers(admin() + "/health") && answers(ingress() + "/restate/health") && partitionsRunning()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("restate-server not healthy within " + START_TIMEOUT_SECONDS + " s:\n" + log());
    }

    /** Healthy, it may still be starting its partitions: a query over every one then fails ("partition 0 doesn't exist"). */
    private boolean partitionsRunning() {
        try {
            return QueryRows.post(admin(), "SELECT COUNT(*) FROM sys_invocation_status").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean answers(String url) {
        try {
            return Http.get(url).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String admin() {
        return "http://127.0.0.1:" + adminPort;
    }

    String ingress() {
        return "http://127.0.0.1:" + ingressPort;
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
