package dev.resolute.storage.rocksdb;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.storage.Storage;
import java.util.List;
import java.util.Set;

/** {@code storage-rocksdb}: the optional RocksDB engine, selected by {@code storage.engine = "rocksdb"}. */
public final class RocksDbStorageFactory implements PluginFactory {

    @Override
    public String id() {
        return "storage-rocksdb";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.STORAGE;
    }

    @Override
    public String configSection() {
        return RocksDbSettings.SECTION;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return RocksDbSettings.KEYS;
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(Storage.class);
    }

    @Override
    public Component create(PluginContext context) {
        RocksDbSettings settings = RocksDbSettings.from(context.config());
        return new Component() {
            private RocksDbStorage storage;

            @Override
            public void start() {
                storage = RocksDbStorage.open(context.node().dataDir(), settings);
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
