package dev.resolute.tck;

import dev.resolute.spi.Health;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the kernel would hand a plugin, for tests of plugins that need no other plugin: its config
 * section ({@link MapConfigScope}) and the defaults of the keys it reads outside it, a node whose data
 * dir is given, and a record of what it provides.
 */
public final class TestPluginContext implements PluginContext {

    private final PluginFactory factory;
    private final MapConfigScope config;
    private final MapConfigScope rootConfig;
    private final NodeInfo node;
    private final Map<Class<?>, Object> provided = new HashMap<>();
    private final Health health = new Health();

    public TestPluginContext(PluginFactory factory, Path dataDir, Map<String, String> config) {
        this(factory, dataDir, config, Map.of());
    }

    /** @param rootConfig values of the keys the plugin reads outside its section, by absolute path */
    public TestPluginContext(PluginFactory factory, Path dataDir, Map<String, String> config, Map<String, String> rootConfig) {
        this.factory = factory;
        this.config = new MapConfigScope(factory.configSection(), factory.configKeys(), config);
        this.rootConfig = new MapConfigScope("", factory.configReads(), rootConfig);
        this.node = new NodeInfo("tck-node", "tck", dataDir);
    }

    @Override
    public MapConfigScope config() {
        return config;
    }

    @Override
    public MapConfigScope rootConfig() {
        return rootConfig;
    }

    @Override
    public NodeInfo node() {
        return node;
    }

    @Override
    public HttpHost http() {
        throw new UnsupportedOperationException("this test context has no HTTP host");
    }

    @Override
    public Health health() {
        return health;
    }

    @Override
    public <T> void provide(Class<T> type, T service) {
        if (!factory.provides().contains(type)) {
            throw new IllegalStateException(factory.id() + " provides " + type.getName() + " without declaring it in provides()");
        }
        provided.put(type, type.cast(service));
    }

    @Override
    public <T> T require(Class<T> type) {
        throw new IllegalStateException("this test context has no other plugins; " + type.getName() + " is not available");
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        return Optional.empty();
    }

    /** What the plugin provided as {@code type}. */
    public <T> T provided(Class<T> type) {
        Object service = provided.get(type);
        if (service == null) {
            throw new IllegalStateException(factory.id() + " did not provide " + type.getName() + " during start()");
        }
        return type.cast(service);
    }
}
