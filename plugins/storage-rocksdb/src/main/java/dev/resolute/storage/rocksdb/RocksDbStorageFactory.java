package dev.resolute.storage.rocksdb;

import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.storage.StoragePluginFactory;

/** {@code storage-rocksdb}: the optional RocksDB engine, selected by {@code storage.engine = "rocksdb"}. */
public final class RocksDbStorageFactory extends StoragePluginFactory {

    public RocksDbStorageFactory() {
        super("rocksdb", RocksDbSettings.KEYS);
    }

    @Override
    protected Opener prepare(ConfigScope config) {
        RocksDbSettings settings = RocksDbSettings.from(config);
        return dataDir -> RocksDbStorage.open(dataDir, settings);
    }
}
