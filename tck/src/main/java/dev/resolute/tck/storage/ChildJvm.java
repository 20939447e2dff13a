package dev.resolute.tck.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link CrashChild} in its own JVM: the same java binary, class path and module flags (LMDB's
 * {@code --add-opens}, {@code --enable-native-access}) as this one. Its stdout lines go to a
 * consumer; its stderr to a file, quoted when something fails.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Thread reader;
    private final Path stderr;
    private final Object readyLock = new Object();
    private boolean ready;

    private ChildJvm(Process process, Path stderr, Consumer<String> lines) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(() -> read(lines), "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a child whose stderr goes to {@code stderr} and whose temp files (RocksDB unpacks its
     * 17 MB native library there, and a killed JVM never deletes it) go to a folder beside it.
     */
    static ChildJvm start(Path stderr, List<String> args, Consumer<String> lines) throws IOException {
        Path tmp = Files.createDirectories(stderr.resolveSibling(stderr.getFileName() + ".tmp"));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(moduleFlags());
        command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path")));
        command.add(CrashChild.class.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ChildJvm(process, stderr, lines);
    }

    /** Waits for the child's {@code ready} line. */
    void awaitReady(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (readyLock) {
            while (!ready) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                    throw new AssertionError("the child JVM did not get ready: " + stderrTail());
                }
                readyLock.wait(Math.min(left, 100));
            }
        }
    }

    /** SIGKILL (on Linux {@link Process#destroyForcibly()} sends it), then waits until every line it printed is read. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(30_000);
    }

    String stderrTail() {
        try {
            String text = Files.readString(stderr);
            return text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void read(Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("ready")) {
                    synchronized (readyLock) {
                        ready = true;
                        readyLock.notifyAll();
                    }
                } else {
                    lines.accept(line);
                }
            }
        } catch (IOException e) {
            // the pipe closes when the child dies
        }
    }

    /** The flags this JVM was started with that a store needs in the child too. */
    private static List<String> moduleFlags() {
        List<String> flags = new ArrayList<>();
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--add-opens") && i + 1 < args.size()) {
                flags.add(arg);
                flags.add(args.get(++i));
            } else if (arg.startsWith("--add-opens=") || arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access")) {
                flags.add(arg);
            }
        }
        return flags;
    }
}
