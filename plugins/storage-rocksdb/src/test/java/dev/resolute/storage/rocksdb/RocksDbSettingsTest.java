package dev.resolute.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.resolute.tck.MapConfigScope;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.CompressionType;

/** Pins the defaults and the key mapping of {@code [storage.rocksdb]}. */
class RocksDbSettingsTest {

    @Test
    void defaults() {
        assertEquals(new RocksDbSettings(256L << 20, 32L << 20, 2, CompressionType.LZ4_COMPRESSION, false, Duration.ofMillis(100)),
                settings(Map.of()));
    }

    @Test
    void everyKeyMapsToItsSetting() {
        assertEquals(new RocksDbSettings(1L << 30, 64L << 20, 4, CompressionType.ZSTD_COMPRESSION, true, Duration.ofMillis(250)), settings(Map.of(
                "memory-budget", "1 GiB", "write-buffer-size", "64 MiB", "max-background-jobs", "4", "compression", "zstd",
                "sync-mode", "periodic", "sync-interval", "250ms")));
        assertEquals(CompressionType.NO_COMPRESSION, settings(Map.of("compression", "none")).compression());
        assertEquals(CompressionType.SNAPPY_COMPRESSION, settings(Map.of("compression", "snappy")).compression());
    }

    @Test
    void rejectsATinyMemoryBudget() {
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("memory-budget", "1 MiB")));
    }

    private static RocksDbSettings settings(Map<String, String> config) {
        RocksDbStorageFactory factory = new RocksDbStorageFactory();
        return RocksDbSettings.from(new MapConfigScope(factory.configSection(), factory.configKeys(), config));
    }
}
