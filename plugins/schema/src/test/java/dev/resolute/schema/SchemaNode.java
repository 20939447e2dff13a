package dev.resolute.schema;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.storage.Storage;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.MapConfigScope;
import dev.resolute.tck.TestPluginContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The schema plugin as the kernel runs it, on real LMDB storage: what the plugin sees is only the SPI
 * (its context and the storage it requires). Restartable on the same data dir. The admin plugin's
 * tests run their endpoint on top of it.
 */
public final class SchemaNode implements AutoCloseable {
    private final Path dataDir;
    private Component storageComponent;
    private Component schema;
    private Schemas schemas;

    private SchemaNode(Path dataDir) {
        this.dataDir = dataDir;
    }

    public static SchemaNode start(Path dataDir) throws Exception {
        SchemaNode node = new SchemaNode(dataDir);
        node.startAll();
        return node;
    }

    /** The {@link Schemas} the plugin provided. */
    public Schemas schemas() {
        return schemas;
    }

    /** Stops everything and starts it again on the same data dir, as a server restart does. */
    public void restart() throws Exception {
        close();
        startAll();
    }

    @Override
    public void close() throws Exception {
        if (schema != null) {
            schema.stop();
            schema = null;
        }
        if (storageComponent != null) {
            storageComponent.stop();
            storageComponent = null;
        }
    }

    private void startAll() throws Exception {
        LmdbStorageFactory lmdb = new LmdbStorageFactory();
        TestPluginContext storageContext = new TestPluginContext(lmdb, dataDir, Map.of());
        storageComponent = lmdb.create(storageContext);
        storageComponent.start();
        SchemaPluginFactory factory = new SchemaPluginFactory();
        Context context = new Context(factory, storageContext.provided(Storage.class), dataDir);
        schema = factory.create(context);
        schema.start();
        schemas = context.schemas;
    }

    /** The kernel's side of the SPI for the schema plugin: storage to require, a place to provide. */
    private static final class Context implements PluginContext {
        private final SchemaPluginFactory factory;
        private final Storage storage;
        private final Path dataDir;
        private Schemas schemas;

        Context(SchemaPluginFactory factory, Storage storage, Path dataDir) {
            this.factory = factory;
            this.storage = storage;
            this.dataDir = dataDir;
        }

        @Override
        public ConfigScope config() {
            return new MapConfigScope(factory.configSection(), factory.configKeys(), Map.of());
        }

        @Override
        public ConfigScope rootConfig() {
            return new MapConfigScope("", factory.configReads(), Map.of());
        }

        @Override
        public NodeInfo node() {
            return new NodeInfo("test-node", "test-cluster", dataDir);
        }

        @Override
        public HttpHost http() {
            throw new UnsupportedOperationException("the schema plugin mounts nothing");
        }

        @Override
        public dev.resolute.spi.Health health() {
            throw new UnsupportedOperationException("the schema plugin reports no health problems");
        }

        @Override
        public <T> void provide(Class<T> type, T service) {
            if (!factory.provides().contains(type)) {
                throw new IllegalStateException("the schema plugin provides " + type.getName() + " without declaring it");
            }
            if (type == Schemas.class) {
                schemas = Schemas.class.cast(service);
            }
        }

        @Override
        public <T> T require(Class<T> type) {
            if (!factory.requires().contains(type)) {
                throw new IllegalStateException("the schema plugin may only require what it declares; asked for " + type.getName());
            }
            return type.cast(storage);
        }

        @Override
        public <T> Optional<T> find(Class<T> type) {
            throw new IllegalStateException("the schema plugin looks up nothing optional; asked for " + type.getName());
        }
    }
}
