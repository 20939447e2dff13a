package dev.resolute.storage.lmdb;

import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.storage.StoragePluginFactory;

/** {@code storage-lmdb}: the default storage engine, selected by {@code storage.engine = "lmdb"}. */
public final class LmdbStorageFactory extends StoragePluginFactory {

    public LmdbStorageFactory() {
        super("lmdb", LmdbSettings.KEYS);
    }

    @Override
    protected Opener prepare(ConfigScope config) {
        LmdbSettings settings = LmdbSettings.from(config);
        return dataDir -> LmdbStorage.open(dataDir, settings);
    }
}
