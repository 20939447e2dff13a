package dev.resolute.spi;

import java.util.Optional;

/**
 * What the kernel hands a plugin: its own configuration subtree and a few kernel services.
 * Never the whole configuration.
 */
public interface PluginContext {

    /** Configuration scoped to the factory's {@link PluginFactory#configSection()}. */
    ConfigScope config();

    /**
     * The configuration from its root, limited to the keys the factory declares in
     * {@link PluginFactory#configReads()}: asking for any other key throws {@link IllegalStateException}.
     */
    ConfigScope rootConfig();

    /** Identity and directories of this node. */
    NodeInfo node();

    /** The HTTP host: listeners add connectors to it, endpoints mount handlers on it. */
    HttpHost http();

    /** The node's health: report a problem here when this plugin can no longer serve; {@code /health} endpoints read it. */
    Health health();

    /**
     * Publishes a service for plugins that declared {@code type} in {@link PluginFactory#requires()}.
     * Call it from {@link Component#start()}, only for types declared in {@link PluginFactory#provides()}.
     *
     * @throws IllegalStateException naming the plugin and the type if {@code type} is not declared, or
     *                               another plugin already provides it
     */
    <T> void provide(Class<T> type, T service);

    /**
     * Returns a service published by a plugin that started earlier. Only types declared in
     * {@link PluginFactory#requires()} are guaranteed to be present.
     *
     * @throws IllegalStateException if nothing provides {@code type}
     */
    <T> T require(Class<T> type);

    /**
     * Returns a service published by a plugin that started earlier, or empty if none did: for a service a
     * plugin uses when it is there but does without, such as the worker's
     * {@link dev.resolute.spi.invocation.EngineInfo} on a node without the worker role. Such a type is not
     * declared in {@link PluginFactory#requires()}: it is found if its provider belongs to an earlier
     * {@link PluginKind} phase, or if the type is declared in {@link PluginFactory#uses()}, which makes the plugin
     * start after its provider. Call it from {@link Component#start()}.
     */
    <T> Optional<T> find(Class<T> type);
}
