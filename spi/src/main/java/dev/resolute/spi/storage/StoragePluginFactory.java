package dev.resolute.spi.storage;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The common shape of a storage plugin: id {@code storage-<engine>} (so {@code storage.engine} selects it;
 * it declares no roles), config section {@code storage.<engine>}, provides {@link Storage}, opens the store
 * on start and closes it on stop. An engine supplies only its keys and how to open it.
 */
public abstract class StoragePluginFactory implements PluginFactory {

    /** A store the plugin opened and must close. */
    public interface OpenStorage extends Storage, AutoCloseable {
        @Override
        void close();
    }

    /** Opens the store in {@code dataDir}; called from {@link Component#start()}. */
    @FunctionalInterface
    public interface Opener {
        OpenStorage open(Path dataDir);
    }

    private final String engine;
    private final List<ConfigKey> keys;

    protected StoragePluginFactory(String engine, List<ConfigKey> keys) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.keys = List.copyOf(keys);
    }

    /**
     * Reads and checks the engine's settings (throwing {@link IllegalArgumentException} for bad ones)
     * and returns how to open the store. Must allocate nothing.
     */
    protected abstract Opener prepare(ConfigScope config);

    /** What the component's {@link Component#warmUp()} does: e.g. load the engine's native library. */
    protected void warmUp() {
    }

    @Override
    public final String id() {
        return "storage-" + engine;
    }

    @Override
    public final PluginKind kind() {
        return PluginKind.STORAGE;
    }

    @Override
    public final String configSection() {
        return "storage." + engine;
    }

    @Override
    public final List<ConfigKey> configKeys() {
        return keys;
    }

    @Override
    public final Set<Class<?>> provides() {
        return Set.of(Storage.class);
    }

    @Override
    public final Component create(PluginContext context) {
        Opener opener = prepare(context.config());
        return new Component() {
            private OpenStorage storage;

            @Override
            public void warmUp() {
                StoragePluginFactory.this.warmUp();
            }

            @Override
            public void start() {
                storage = opener.open(context.node().dataDir());
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
