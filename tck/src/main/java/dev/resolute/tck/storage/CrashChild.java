package dev.resolute.tck.storage;

import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The child JVM of the crash and lock tests: {@code CrashChild <crash|hold> <factory class> <data dir> [key=value...]}.
 * It opens the store through the plugin factory and prints {@code ready}. In {@code crash} mode,
 * {@link CrashWorkload#WRITERS} threads then commit numbered batches and print {@code ack <writer> <seq>}
 * after each commit returns, until the parent kills the process; in {@code hold} mode it keeps the
 * store open. Either way it exits by itself after two minutes, should the parent be gone.
 */
public final class CrashChild {

    private static final long LIFETIME_MILLIS = 120_000;

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PluginFactory factory = (PluginFactory) Class.forName(args[1]).getConstructor().newInstance();
        Map<String, String> config = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            config.put(kv[0], kv[1]);
        }
        long deadline = System.currentTimeMillis() + LIFETIME_MILLIS;
        PrintStream out = System.out;
        try (OpenStore store = OpenStore.open(factory, Path.of(args[2]), config)) {
            if (args[0].equals("hold")) {
                say(out, "ready");
                Thread.sleep(LIFETIME_MILLIS);
                return;
            }
            Storage storage = store.storage();
            CrashWorkload workload = new CrashWorkload(storage);
            long[] heads = new long[CrashWorkload.WRITERS];
            try (Snapshot snapshot = storage.snapshot()) {
                for (int w = 0; w < heads.length; w++) {
                    heads[w] = workload.head(snapshot, w);
                }
            }
            say(out, "ready");
            Thread[] writers = new Thread[heads.length];
            for (int w = 0; w < writers.length; w++) {
                int writer = w;
                writers[w] = new Thread(() -> {
                    for (long seq = heads[writer] + 1; System.currentTimeMillis() < deadline; seq++) {
                        storage.commit(workload.batch(writer, seq));
                        say(out, "ack " + writer + " " + seq);
                    }
                });
                writers[w].start();
            }
            for (Thread t : writers) {
                t.join();
            }
        }
    }

    private static void say(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
