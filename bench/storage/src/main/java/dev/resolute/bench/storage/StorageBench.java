package dev.resolute.bench.storage;

import dev.resolute.spi.PluginFactory;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.storage.rocksdb.RocksDbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The storage benchmark (a plain harness, not a timed test): durable commit rates for 1, 8 and 64
 * concurrent writers with 200 B and 4 KiB values next to the raw sync rate of the same disk, point
 * reads and prefix scans, for each engine, each started through its plugin factory with default
 * config. Prints Markdown. Arguments: a work dir, seconds per measurement; {@code -Dengines=lmdb}
 * restricts the engines.
 */
public final class StorageBench {

    private static final int[] WRITERS = {1, 8, 64};
    private static final int ROUNDS = 3;
    private static final Map<String, PluginFactory> FACTORIES = Map.of("lmdb", new LmdbStorageFactory(), "rocksdb", new RocksDbStorageFactory());

    private final Path work;
    private final double seconds;
    private final List<String> engines = List.of(System.getProperty("engines", "lmdb,rocksdb").split(","));

    private StorageBench(Path work, double seconds) {
        this.work = work;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        new StorageBench(Path.of(args[0]), Double.parseDouble(args[1])).run();
    }

    private void run() throws Exception {
        System.out.printf("Commit rows: the median of %d runs of %.0f s (after 0.5 s of warm-up each), the writer counts taking turns;"
                + " one engine at a time, default config unless noted.%n%n", ROUNDS, seconds);
        double appendBefore = SyncRate.measure(work.resolve("sync-append"), true, seconds);
        double overwriteBefore = SyncRate.measure(work.resolve("sync-overwrite"), false, seconds);
        System.out.println("### Durable commits (sync-mode = per-commit), one put per batch, platform threads");
        System.out.println();
        header();
        for (String engine : engines) {
            for (CommitLoad.Keys keys : CommitLoad.Keys.values()) {
                for (int size : new int[] {200, 4096}) {
                    commits(engine, "per-commit", keys, size, WRITERS, false);
                }
            }
        }
        System.out.println();
        System.out.println("### Variations: 64 writers on virtual threads; periodic sync");
        System.out.println();
        header();
        for (String engine : engines) {
            commits(engine, "per-commit", CommitLoad.Keys.APPEND, 200, new int[] {1, 64}, true);
            commits(engine, "per-commit", CommitLoad.Keys.RANDOM, 200, new int[] {1, 64}, true);
            commits(engine, "periodic", CommitLoad.Keys.APPEND, 200, new int[] {1, 64}, false);
        }
        System.out.println();
        System.out.println("### Raw sync rate of the same disk, before and after the commit measurements");
        System.out.println();
        System.out.println("| loop | syncs/s before | syncs/s after |");
        System.out.println("|---|---:|---:|");
        System.out.printf("| append 200 B + fdatasync (like a WAL) | %,.0f | %,.0f |%n", appendBefore,
                SyncRate.measure(work.resolve("sync-append"), true, seconds));
        System.out.printf("| overwrite 200 B in place + fdatasync | %,.0f | %,.0f |%n", overwriteBefore,
                SyncRate.measure(work.resolve("sync-overwrite"), false, seconds));
        for (int pages : new int[] {1, 8, 64}) {
            System.out.printf("| write %d random 4 KiB page%s + fdatasync | | %,.0f |%n", pages, pages == 1 ? "" : "s",
                    SyncRate.randomPages(work.resolve("sync-pages"), pages, seconds));
        }
        System.out.println();
        System.out.println("### Reads (" + ReadLoad.POINT_KEYS + " keys with 200 B values; scans of " + ReadLoad.SCAN_KEYS
                + " 1 KiB values under 256 prefixes)");
        System.out.println();
        System.out.println("| engine | point reads/s, 1 thread | point reads/s, 2 threads | prefix scan MB/s | scanned entries/s |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String engine : engines) {
            Path dir = work.resolve(engine + "-reads");
            try (OpenStore store = OpenStore.open(FACTORIES.get(engine), dir, Map.of())) {
                ReadLoad reads = new ReadLoad(store.storage());
                reads.fill();
                double one = reads.pointReads(1, seconds);
                double two = reads.pointReads(2, seconds);
                double[] scan = reads.prefixScans(seconds);
                System.out.printf("| %s | %,.0f | %,.0f | %,.0f | %,.0f |%n", engine, one, two, scan[0], scan[1]);
            }
            deleteRecursively(dir);
        }
    }

    private static void header() {
        System.out.println("| engine | sync | keys | value | writers | threads | commits/s | × 1 writer | commits per sync | p50 ms | p99 ms |");
        System.out.println("|---|---|---|---:|---:|---|---:|---:|---:|---:|---:|");
    }

    /**
     * One fresh store; the writer counts run in turn, {@value ROUNDS} times, each run on a fresh
     * keyspace, and each row shows the median run. Interleaving keeps a disk that slows down for a
     * minute (other tenants) from skewing one writer count only.
     */
    private void commits(String engine, String mode, CommitLoad.Keys keys, int size, int[] writers, boolean virtual) throws Exception {
        Path dir = work.resolve(engine + "-" + mode + "-" + keys + "-" + size + "-" + virtual);
        List<List<CommitLoad.Result>> runs = new ArrayList<>();
        try (OpenStore store = OpenStore.open(FACTORIES.get(engine), dir, Map.of("sync-mode", mode))) {
            for (int n : writers) {
                runs.add(new ArrayList<>());
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < writers.length; i++) {
                    runs.get(i).add(new CommitLoad(store.storage(), writers[i], size, keys, virtual).run(seconds));
                }
            }
        }
        deleteRecursively(dir);
        double single = median(runs.get(0)).perSecond();
        for (int i = 0; i < writers.length; i++) {
            CommitLoad.Result r = median(runs.get(i));
            System.out.printf("| %s | %s | %s | %s | %d | %s | %,.0f | %.1f | %s | %.2f | %.2f |%n", engine, mode, keys.name().toLowerCase(),
                    size == 200 ? "200 B" : "4 KiB", writers[i], virtual ? "virtual" : "platform", r.perSecond(), r.perSecond() / single,
                    mode.equals("periodic") ? "—" : String.format("%.1f", r.averageGroup()), r.p50Millis(), r.p99Millis());
        }
    }

    private static CommitLoad.Result median(List<CommitLoad.Result> results) {
        List<CommitLoad.Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(CommitLoad.Result::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
