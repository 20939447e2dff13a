package dev.resolute.storage.lmdb;

import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.storage.StoragePluginFactory;

/** {@code storage-lmdb}: the default storage engine, selected by {@code storage.engine = "lmdb"}. */
public final class LmdbStorageFactory extends StoragePluginFactory {

    public LmdbStorageFactory() {
        super("lmdb", LmdbSettings.KEYS);
    }

    /** lmdbjava binds liblmdb through jnr-ffi, which generates its stubs at run time: a quarter second. */
    @Override
    protected void warmUp() {
        try {
            Class.forName("org.lmdbjava.Library", true, LmdbStorageFactory.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("lmdbjava's Library class moved; warm-up needs updating", e);
        }
    }

    @Override
    protected Opener prepare(ConfigScope config) {
        LmdbSettings settings = LmdbSettings.from(config);
        return dataDir -> LmdbStorage.open(dataDir, settings);
    }
}
