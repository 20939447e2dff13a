package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention end to end, on both storage engines, with the official TypeScript SDK services: with short retentions
 * (journal 1 s, idempotency and workflow completion 2 s, a cleanup every 500 ms) the store stops growing however many
 * invocations complete — waves of calls, idempotent calls with large results and workflow runs, each wave left to
 * expire, leave the store's files on disk near the size one wave left — and a workflow's state is served until its
 * run's retention expires and is gone after. (A retained result served to a second call with the same idempotency
 * key before it expires belongs to the idempotency support: without it, such a call runs again.)
 */
class RetentionIT {
    private static final Map<String, String> SHORT_RETENTION = Map.of(
            "RESTATE_DEFAULT_JOURNAL_RETENTION", "1s",
            "RESTATE_DEFAULT_IDEMPOTENCY_RETENTION", "2s",
            "RESTATE_DEFAULT_WORKFLOW_COMPLETION_RETENTION", "2s",
            "RESTATE_WORKER__CLEANUP_INTERVAL", "500ms");
    private static final int PER_KIND = 50;
    private static final int WAVES = 3;

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Lmdb extends Scenarios {
        Lmdb() {
            super("lmdb");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RocksDb extends Scenarios {
        RocksDb() {
            super("rocksdb");
        }
    }

    @Test
    void aRetentionThatIsNotADurationIsAConfigErrorNamingTheKey(@TempDir Path tmp) throws Exception {
        try (ServerProcess server = ServerProcess.start(ServerProcess.DEFAULT_BUNDLE, tmp, Map.of("RESTATE_DEFAULT_IDEMPOTENCY_RETENTION", "forever"),
                "--use-random-ports", "--no-logo", "--base-dir", tmp.resolve("data").toString())) {
            assertThat(server.awaitExit()).isEqualTo(2);
            assertThat(server.errors()).contains("default-idempotency-retention = \"forever\" (env RESTATE_DEFAULT_IDEMPOTENCY_RETENTION): expected a duration");
        }
    }

    abstract static class Scenarios {
        private final String engine;
        private final Map<String, String> env = new HashMap<>(SHORT_RETENTION);
        private final ExecutorService clients = Executors.newFixedThreadPool(8);
        Path tmp;
        ServerProcess server;
        SdkServices services;
        String ingress;
        int wave;

        Scenarios(String engine) {
            this.engine = engine;
            env.put("RESTATE_STORAGE__ENGINE", engine);
        }

        @BeforeAll
        void start() throws Exception {
            tmp = Files.createTempDirectory("retention-it");
            services = SdkServices.typescript(false, tmp.resolve("exec.log"));
            startServer();
            SdkEngine.register(server, services, false);
        }

        private void startServer() throws Exception {
            server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), env, "--listen-mode", "tcp");
            ingress = server.url("ingress");
        }

        /**
         * Sizes are measured after a restart (a SIGKILL). RocksDB keeps every write, deletes included, in its write-ahead
         * log and memtables (32 MiB each here: the whole test fits) until it flushes them, which it does when it reopens:
         * a write and the delete of the same key in one memtable leave only the delete's small tombstone in the SST
         * files, so what is on disk then is the data the store holds. LMDB's file is the same before and after: it
         * keeps the pages freed by deletes and reuses them for the next writes.
         */
        private void restart() throws Exception {
            server.close();
            startServer();
        }

        @AfterAll
        void stop() throws Exception {
            clients.shutdownNow();
            if (server != null) {
                server.close();
            }
            if (services != null) {
                services.close();
            }
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }

        /**
         * One wave adds {@code footprint} bytes to the store. Once it has expired and been cleaned up, the next waves
         * take the room it freed, so three more waves must leave the store less than one footprint above its size after
         * the first — without the cleanup they add three (measured: 2.6 on LMDB, 2.4 on RocksDB; with it 0.4 and 0.1).
         * The one footprint of tolerance is for what LMDB does not return at once: pages freed while a reader still
         * sees them wait for the next transactions, and B-trees left half-filled by deletes need more pages for the
         * same data; RocksDB's files after a restart hold only tombstones of what was deleted.
         */
        @Test
        void theStoreReturnsToItsSizeOnceRetentionExpired() throws Exception {
            long empty = storeBytes();
            String last = runWave();
            long footprint = storeBytes() - empty; // LMDB's pages, RocksDB's write-ahead log
            assertThat(footprint).as("one wave of %d invocations is visible on disk (%s)", 3 * PER_KIND, engine).isGreaterThan(200 * 1024);
            awaitExpiry(last);
            restart();
            long baseline = storeBytes();
            for (int i = 0; i < WAVES; i++) {
                awaitExpiry(runWave());
            }
            restart();
            long after = storeBytes();
            assertThat(after - baseline).as("%s: growth over %d expired waves (baseline %d bytes, one wave %d bytes)", engine, WAVES, baseline, footprint)
                    .isLessThan(footprint);
        }

        /** A workflow's state is kept as long as its run's result (2 s here) and deleted by the cleanup after. */
        @Test
        void aWorkflowsStateIsServedUntilItsRetentionExpires() throws Exception {
            long started = System.nanoTime(); // before the run completes, so its retention ends 2 s after this at the earliest
            HttpResponse<String> run = Http.post(ingress + "/Job/kept/run", "\"x\"");
            assertThat(run.body()).isEqualTo("\"kept: ran x\"");
            assertThat(Http.post(ingress + "/Job/kept/last", null).body()).isEqualTo("\"ran x\"");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("read before the retention could expire").isLessThan(Duration.ofSeconds(2));
            assertThat(Duration.ofNanos(awaitStateGone("kept") - started)).as("not deleted before its retention").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }

        /**
         * Calls that keep their result for the journal retention, idempotent calls with 4 kB results that do not
         * compress kept for the idempotency retention, and workflow runs whose state goes with them; returns the last
         * workflow's id.
         */
        private String runWave() throws Exception {
            int n = ++wave;
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < PER_KIND; i++) {
                String key = "w" + n + "-" + i;
                calls.add(() -> Http.post(ingress + "/Flow/steps", "\"" + key + "\""));
                calls.add(() -> Http.postWithKey(ingress + "/Noise/random", key, "3000"));
                calls.add(() -> Http.post(ingress + "/Job/" + key + "/run", "\"" + key + "\""));
            }
            for (Future<HttpResponse<String>> done : clients.invokeAll(calls)) {
                assertThat(done.get().statusCode()).as(done.get().body()).isEqualTo(200);
            }
            return "w" + n + "-" + (PER_KIND - 1);
        }

        /** Waits until the workflow {@code id}'s state is gone (its run expired and a cleanup ran), then one more cleanup. */
        private void awaitExpiry(String id) throws Exception {
            awaitStateGone(id);
            Thread.sleep(1000); // the invocations completed after it expire within a cleanup interval or two
        }

        /** Polls the workflow {@code id}'s state until it is gone; returns when that was seen ({@link System#nanoTime}). */
        private long awaitStateGone(String id) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Http.post(ingress + "/Job/" + id + "/last", null).body().equals("null")) {
                assertThat(System.nanoTime()).as("workflow %s expired within 30 s", id).isLessThan(deadline);
                Thread.sleep(50);
            }
            return System.nanoTime();
        }

        private long storeBytes() {
            Path dir = tmp.resolve("server/data/n1").resolve(engine);
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("LOG")).mapToLong(f -> {
                    try {
                        return Files.size(f);
                    } catch (java.nio.file.NoSuchFileException e) {
                        return 0; // compacted away meanwhile
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
