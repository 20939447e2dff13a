package dev.resolute.kernel;

import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.Health;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginContext;
import java.util.Map;
import java.util.Optional;

/** What one plugin sees of the kernel: its config section, the node, the HTTP host and the shared services. */
final class KernelPluginContext implements PluginContext {
    private final String pluginId;
    private final ConfigScope config;
    private final NodeInfo node;
    private final HttpHost http;
    private final Map<Class<?>, Object> services;
    private final Health health;

    KernelPluginContext(String pluginId, ConfigScope config, NodeInfo node, HttpHost http, Map<Class<?>, Object> services, Health health) {
        this.pluginId = pluginId;
        this.config = config;
        this.node = node;
        this.http = http;
        this.services = services;
        this.health = health;
    }

    @Override
    public ConfigScope config() {
        return config;
    }

    @Override
    public NodeInfo node() {
        return node;
    }

    @Override
    public HttpHost http() {
        return http;
    }

    @Override
    public Health health() {
        return health;
    }

    @Override
    public <T> void provide(Class<T> type, T service) {
        if (services.putIfAbsent(type, type.cast(service)) != null) {
            throw new IllegalStateException("plugin " + pluginId + " provides " + type.getSimpleName() + ", which another plugin already provides");
        }
    }

    @Override
    public <T> T require(Class<T> type) {
        Object service = services.get(type);
        if (service == null) {
            throw new IllegalStateException("plugin " + pluginId + " requires " + type.getSimpleName() + ", which no started plugin provides");
        }
        return type.cast(service);
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }
}
