package dev.resolute.storage.rocksdb;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.ConfigType;
import java.time.Duration;
import java.util.List;
import org.rocksdb.CompressionType;

/**
 * The {@code [storage.rocksdb]} section.
 *
 * @param memoryBudget      block cache plus memtables (memtables are charged to the cache)
 * @param writeBufferSize   memtable size per keyspace before it is flushed
 * @param maxBackgroundJobs flush and compaction threads
 * @param compression       block compression of SST files
 * @param periodicSync      whether commits skip the WAL fsync and a timer syncs every {@code syncInterval}
 * @param syncInterval      how often the timer syncs when {@code periodicSync}
 */
record RocksDbSettings(long memoryBudget, long writeBufferSize, int maxBackgroundJobs, CompressionType compression, boolean periodicSync,
                       Duration syncInterval) {

    static final String SECTION = "storage.rocksdb";

    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.of("memory-budget", ConfigType.SIZE, "256 MiB",
                    "Memory for RocksDB's block cache and memtables together (memtables are charged to the cache)."),
            ConfigKey.of("write-buffer-size", ConfigType.SIZE, "32 MiB",
                    "Memtable size per keyspace before it is flushed to an SST file."),
            ConfigKey.of("max-background-jobs", ConfigType.integer(1, 64), "2",
                    "Threads for flushes and compactions."),
            ConfigKey.of("compression", ConfigType.oneOf("lz4", "zstd", "snappy", "none"), "lz4",
                    "Compression of SST blocks."),
            ConfigKey.of("sync-mode", ConfigType.oneOf("per-commit", "periodic"), "per-commit",
                    "per-commit: a commit returns once its WAL record is on disk. periodic: commits skip fsync and a timer"
                            + " syncs the WAL every sync-interval; a process crash loses nothing, a machine crash may lose the last interval."),
            ConfigKey.of("sync-interval", ConfigType.DURATION, "100ms",
                    "How often periodic sync-mode syncs the WAL."));

    RocksDbSettings {
        if (memoryBudget < (8 << 20)) {
            throw new IllegalArgumentException(SECTION + ".memory-budget must be at least 8 MiB");
        }
        if (writeBufferSize < (1 << 20)) {
            throw new IllegalArgumentException(SECTION + ".write-buffer-size must be at least 1 MiB");
        }
        if (periodicSync && (syncInterval.isZero() || syncInterval.isNegative())) {
            throw new IllegalArgumentException(SECTION + ".sync-interval must be positive");
        }
    }

    static RocksDbSettings from(ConfigScope config) {
        CompressionType compression = switch (config.getString("compression")) {
            case "zstd" -> CompressionType.ZSTD_COMPRESSION;
            case "snappy" -> CompressionType.SNAPPY_COMPRESSION;
            case "none" -> CompressionType.NO_COMPRESSION;
            default -> CompressionType.LZ4_COMPRESSION;
        };
        return new RocksDbSettings(config.getBytes("memory-budget"), config.getBytes("write-buffer-size"), config.getInt("max-background-jobs"),
                compression, config.getString("sync-mode").equals("periodic"), config.getDuration("sync-interval"));
    }
}
