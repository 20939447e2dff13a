package dev.resolute.storage.lmdb;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.ConfigType;
import java.time.Duration;
import java.util.List;

/**
 * The {@code [storage.lmdb]} section.
 *
 * @param mapSize      initial size of the memory map; it doubles when full, up to {@code maxMapSize}
 * @param maxMapSize   the largest the map may grow to; reaching it fails commits with STORE_FULL
 * @param maxReaders   LMDB's reader table: the most snapshots open at once
 * @param periodicSync whether commits skip fsync and a timer syncs every {@code syncInterval}
 * @param syncInterval how often the timer syncs when {@code periodicSync}
 */
record LmdbSettings(long mapSize, long maxMapSize, int maxReaders, boolean periodicSync, Duration syncInterval) {

    static final String SECTION = "storage.lmdb";
    static final String MAX_MAP_SIZE = "max-map-size";
    static final String MAX_READERS = "max-readers";

    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.of("map-size", ConfigType.SIZE, "64 GiB",
                    "Initial size of LMDB's memory map: address space, not disk (the file grows with the data). It doubles"
                            + " automatically when full, which waits for open snapshots to close."),
            ConfigKey.of(MAX_MAP_SIZE, ConfigType.SIZE, "1 TiB",
                    "The largest the map may grow to; beyond it commits fail with a store-full error."),
            ConfigKey.of(MAX_READERS, ConfigType.integer(1, 1_000_000), "1024",
                    "The most read snapshots open at once (LMDB's reader table)."),
            ConfigKey.of("sync-mode", ConfigType.oneOf("per-commit", "periodic"), "per-commit",
                    "per-commit: a commit returns once it is on disk. periodic: commits skip fsync and a timer syncs every"
                            + " sync-interval; a process crash loses nothing, a machine crash may lose the last interval."),
            ConfigKey.of("sync-interval", ConfigType.DURATION, "100ms",
                    "How often periodic sync-mode syncs to disk."));

    LmdbSettings {
        if (mapSize <= 0 || maxMapSize < mapSize) {
            throw new IllegalArgumentException(SECTION + ".map-size must be positive and at most " + SECTION + "." + MAX_MAP_SIZE);
        }
        if (periodicSync && (syncInterval.isZero() || syncInterval.isNegative())) {
            throw new IllegalArgumentException(SECTION + ".sync-interval must be positive");
        }
    }

    static LmdbSettings from(ConfigScope config) {
        return new LmdbSettings(config.getBytes("map-size"), config.getBytes(MAX_MAP_SIZE), config.getInt(MAX_READERS),
                config.getString("sync-mode").equals("periodic"), config.getDuration("sync-interval"));
    }
}
