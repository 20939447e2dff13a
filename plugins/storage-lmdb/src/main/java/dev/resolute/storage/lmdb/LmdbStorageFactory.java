package dev.resolute.storage.lmdb;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.storage.Storage;
import java.util.List;
import java.util.Set;

/** {@code storage-lmdb}: the default storage engine, selected by {@code storage.engine = "lmdb"}. */
public final class LmdbStorageFactory implements PluginFactory {

    @Override
    public String id() {
        return "storage-lmdb";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.STORAGE;
    }

    @Override
    public String configSection() {
        return LmdbSettings.SECTION;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return LmdbSettings.KEYS;
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(Storage.class);
    }

    @Override
    public Component create(PluginContext context) {
        LmdbSettings settings = LmdbSettings.from(context.config());
        return new Component() {
            private LmdbStorage storage;

            @Override
            public void start() {
                storage = LmdbStorage.open(context.node().dataDir(), settings);
                context.provide(Storage.class, storage);
            }

            @Override
            public void stop() {
                if (storage != null) {
                    storage.close();
                    storage = null;
                }
            }
        };
    }
}
