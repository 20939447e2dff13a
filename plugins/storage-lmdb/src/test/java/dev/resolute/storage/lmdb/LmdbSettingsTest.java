package dev.resolute.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.resolute.tck.MapConfigScope;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the defaults and the key mapping of {@code [storage.lmdb]}. */
class LmdbSettingsTest {

    @Test
    void defaults() {
        assertEquals(new LmdbSettings(64L << 30, 1L << 40, 1024, false, Duration.ofMillis(100)), settings(Map.of()));
    }

    @Test
    void everyKeyMapsToItsSetting() {
        assertEquals(new LmdbSettings(64L << 20, 2L << 30, 50, true, Duration.ofSeconds(1)), settings(Map.of(
                "map-size", "64 MiB", "max-map-size", "2 GiB", "max-readers", "50", "sync-mode", "periodic", "sync-interval", "1s")));
    }

    @Test
    void rejectsAMapLargerThanItsMaximum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of("map-size", "2 GiB", "max-map-size", "1 GiB")));
        assertEquals("storage.lmdb.map-size must be positive and at most storage.lmdb.max-map-size", e.getMessage());
    }

    private static LmdbSettings settings(Map<String, String> config) {
        LmdbStorageFactory factory = new LmdbStorageFactory();
        return LmdbSettings.from(new MapConfigScope(factory.configSection(), factory.configKeys(), config));
    }
}
