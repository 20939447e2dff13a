package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A custom distribution is the default one with plugin folders removed: it runs, and asks for what it lacks by name. */
class CustomBundleIT {
    @TempDir
    Path tmp;

    @Test
    void aBundleWithoutRocksdbRunsAndRefusesRocksdbClearly() throws Exception {
        Path slim = tmp.resolve("resolute-slim");
        copyWithout(ServerProcess.DEFAULT_BUNDLE, slim, "plugins/storage-rocksdb");
        assertThat(slim.resolve("plugins/storage-rocksdb")).doesNotExist();

        try (ServerProcess server = ServerProcess.startHealthy(slim, tmp.resolve("run"), Map.of())) {
            assertThat(ServerProcess.get(server.url("admin") + "/health").statusCode()).isEqualTo(200);
        }

        ServerProcess refused = ServerProcess.start(slim, tmp.resolve("refused"), Map.of("RESTATE_STORAGE__ENGINE", "rocksdb"), "--no-logo");
        try (refused) {
            assertThat(refused.awaitExit()).isEqualTo(2);
            assertThat(refused.errors()).contains("storage.engine = \"rocksdb\" (env RESTATE_STORAGE__ENGINE) selects plugin \"storage-rocksdb\", "
                    + "which is not installed; installed plugins: admin, fabric, ingress, listener-tcp, listener-unix, pgwire, schema, sql, storage-lmdb, ui, worker");
        }
    }

    @Test
    void theDefaultBundleRunsOnRocksdbWhenAskedTo() throws Exception {
        try (ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp, Map.of("RESTATE_STORAGE__ENGINE", "rocksdb"))) {
            assertThat(ServerProcess.get(server.url("ingress") + "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBundleWithoutTheUnixListenerServesTcpOnlyWhenToldTo() throws Exception {
        Path slim = tmp.resolve("resolute-tcp-only");
        copyWithout(ServerProcess.DEFAULT_BUNDLE, slim, "plugins/storage-rocksdb", "plugins/listener-unix");
        ServerProcess refused = ServerProcess.start(slim, tmp.resolve("refused"), Map.of(), "--no-logo", "--use-random-ports");
        try (refused) {
            assertThat(refused.awaitExit()).isEqualTo(2);
            assertThat(refused.errors()).contains("listen-mode = \"all\" (default) for fabric, selects plugin \"listener-unix\", which is not installed");
        }
        try (ServerProcess server = ServerProcess.startHealthy(slim, tmp.resolve("run"), Map.of(), "--listen-mode=tcp")) {
            assertThat(ServerProcess.get(server.url("fabric") + "/health").statusCode()).isEqualTo(200);
        }
    }

    static void copyWithout(Path from, Path to, String... left) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path relative = from.relativize(source);
                for (String skip : left) {
                    if (relative.startsWith(skip)) {
                        return;
                    }
                }
                try {
                    Files.copy(source, to.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
