package dev.resolute.kernel;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.Health;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one plugin sees of the kernel: its config section and the keys it declares it reads, the node,
 * the HTTP host, and the shared services (it may publish only the types it declares).
 */
final class KernelPluginContext implements PluginContext {
    private final PluginFactory factory;
    private final ConfigScope config;
    private final ConfigScope rootConfig;
    private final NodeInfo node;
    private final HttpHost http;
    private final Map<Class<?>, Object> services;
    private final Health health;

    KernelPluginContext(PluginFactory factory, Settings settings, NodeInfo node, HttpHost http, Map<Class<?>, Object> services, Health health) {
        this.factory = factory;
        this.config = settings.scope(factory.configSection());
        this.rootConfig = settings.rootScope(factory.id(), factory.configReads().stream().map(ConfigKey::path).collect(Collectors.toSet()));
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
    public ConfigScope rootConfig() {
        return rootConfig;
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
        if (!factory.provides().contains(type)) {
            throw new IllegalStateException("plugin " + factory.id() + " provides " + type.getName() + ", which it does not declare in provides()");
        }
        if (services.putIfAbsent(type, type.cast(service)) != null) {
            throw new IllegalStateException("plugin " + factory.id() + " provides " + type.getSimpleName() + ", which another plugin already provides");
        }
    }

    @Override
    public <T> T require(Class<T> type) {
        Object service = services.get(type);
        if (service == null) {
            throw new IllegalStateException("plugin " + factory.id() + " requires " + type.getSimpleName() + ", which no started plugin provides");
        }
        return type.cast(service);
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }
}
