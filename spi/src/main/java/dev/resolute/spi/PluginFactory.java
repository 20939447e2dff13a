package dev.resolute.spi;

import java.util.List;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of a plugin jar: a typed factory with a stable id.
 *
 * <p>Implementations must be cheap to construct and must not allocate resources or read
 * configuration in their constructor; the kernel instantiates every installed factory, including
 * ones it will not select.
 */
public interface PluginFactory {

    /**
     * The SPI version this build of the kernel speaks; a factory built for another one is refused.
     * 2: {@code HttpHost.advertised}, {@code Schemas.useServerDefaults}, {@code Component.warmUp}.
     * 3: {@code roles()}, {@code PluginContext.find}, {@code EngineInfo}, {@code ProtocolRange};
     * {@code Schemas.useServerDefaults} removed.
     */
    int SPI_VERSION = 3;

    /**
     * Stable lowercase id, also how users select the plugin ({@code listener-tcp}, {@code storage-lmdb},
     * {@code worker}). Two installed factories must never share an id.
     */
    String id();

    /** Which lifecycle phase the plugin belongs to; phases start in {@link PluginKind} order. */
    PluginKind kind();

    /**
     * The node roles (Restate's vocabulary: {@code admin}, {@code worker}, {@code http-ingress}, ...) this
     * plugin serves: the kernel selects an installed plugin when the node's {@code roles} include any of
     * them. Empty (the default) for plugins the kernel selects otherwise (listeners, storage, fabric).
     */
    default Set<String> roles() {
        return Set.of();
    }

    /** The SPI version the plugin was compiled against; leave the default. */
    default int spiVersion() {
        return SPI_VERSION;
    }

    /**
     * The configuration section the plugin reads, as a dotted path ({@code "storage.lmdb"}), or the
     * empty string for the root. The plugin's {@link PluginContext#config()} is scoped to it.
     */
    default String configSection() {
        return id();
    }

    /**
     * The keys this plugin understands, relative to {@link #configSection()}, with their types and
     * defaults. Any other key under a section only this plugin owns is reported as unknown.
     */
    default List<ConfigKey> configKeys() {
        return List.of();
    }

    /** Service types that must be {@linkplain PluginContext#provide provided} by other plugins before this one starts. */
    default Set<Class<?>> requires() {
        return Set.of();
    }

    /** Service types this plugin {@linkplain PluginContext#provide provides} during {@link Component#start()}. */
    default Set<Class<?>> provides() {
        return Set.of();
    }

    /**
     * Creates the plugin's component. Must allocate nothing (no sockets, files, threads); that is
     * {@link Component#start()}'s job. May read configuration and fail with {@link IllegalArgumentException}.
     */
    Component create(PluginContext context);
}
