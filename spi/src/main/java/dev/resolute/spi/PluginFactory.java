package dev.resolute.spi;

import java.util.List;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of a plugin jar: a typed factory with a stable id.
 *
 * <p>Implementations must be cheap to construct and must not allocate resources or read
 * configuration in their constructor; the kernel instantiates every installed factory, including
 * ones it will not select.
 *
 * <p>The kernel selects a plugin from its declarations, never by its id, with two exceptions that
 * are Restate's own rules: the storage plugin is {@code storage-<storage.engine>}, and listeners are
 * {@code listener-<transport>} for the transports the listen modes of the node's services ask for.
 * Every other plugin is selected by {@link #roles()}.
 *
 * <p>Which SPI version a plugin was built against is read from its jar's manifest
 * ({@value #SPI_VERSION_ATTRIBUTE}, which the build writes); a plugin built for another version is refused by name.
 */
public interface PluginFactory {

    /**
     * The SPI version this build of the kernel speaks; a plugin built for another one is refused.
     * 2: {@code HttpHost.advertised}, {@code Schemas.useServerDefaults}, {@code Component.warmUp}.
     * 3: plugins declare {@link #roles()}, {@link #networkServices()} and {@link #configReads()}; the version
     * comes from the jar manifest instead of a {@code spiVersion()} method; {@code PluginContext.find},
     * {@code PluginContext.health}, {@code EngineInfo}, {@code ProtocolRange}, {@code spi.http}; asynchronous
     * {@code Invocations.submit} and {@code InvocationException} kinds; {@code Schemas.useServerDefaults} removed;
     * {@code Invocations.resolveAwakeable} and {@code rejectAwakeable} (added within 3: only the worker implements
     * {@code Invocations}, and it ships with the kernel); {@code Schemas.modifyService} and {@code updateDeployment} (added within 3: only
     * the schema plugin, shipped with the kernel, implements {@code Schemas}); {@code Invocations.lookup}, {@code attach}
     * and {@code output} with {@code InvocationTarget} and {@code CompletedInvocation}, and the worker's
     * {@code ObjectStates} and {@code InvocationControl} (added within 3: only the worker, shipped with the kernel,
     * implements them); {@link #uses()}, {@code HttpHost.mountProtocol}, {@code EngineInfo.partitions} and
     * {@code spi.query} (added within 3: defaults or types only the kernel and the plugins shipped with it implement);
     * {@code spi.http.GrpcGateway} (added within 3: only the fabric plugin, shipped with the kernel, provides it).
     */
    int SPI_VERSION = 3;

    /** The manifest attribute of a plugin jar naming the SPI version it was built against. */
    String SPI_VERSION_ATTRIBUTE = "Resolute-SPI-Version";

    /** A pseudo-role for {@link #roles()}: the plugin runs on every node, whatever its roles (the fabric endpoint). */
    String EVERY_NODE = "*";

    /**
     * Stable lowercase id, also how users select the plugin ({@code listener-tcp}, {@code storage-lmdb},
     * {@code worker}). Two installed factories must never share an id.
     */
    String id();

    /** Which lifecycle phase the plugin belongs to; phases start in {@link PluginKind} order. */
    PluginKind kind();

    /**
     * The Restate roles ({@code admin}, {@code worker}, {@code http-ingress}, {@code log-server},
     * {@code metadata-server}) for which the kernel selects this plugin: it runs when the node's
     * {@code roles} include any of them, or on every node if the set contains {@link #EVERY_NODE}. A role
     * outside that vocabulary is refused when the plugin is installed. Listener and storage plugins,
     * selected by Restate's own keys, leave it empty.
     */
    default Set<String> roles() {
        return Set.of();
    }

    /**
     * The network services this plugin owns, each a listener section the kernel derives its keys for and
     * binds when the plugin is selected. An endpoint mounts one handler per service it declares; no two
     * installed plugins may declare the same service.
     */
    default List<NetworkService> networkServices() {
        return List.of();
    }

    /**
     * The configuration section the plugin reads, as a dotted path ({@code "storage.lmdb"}). The plugin's
     * {@link PluginContext#config()} is scoped to it; it cannot see the rest of the configuration.
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

    /**
     * The keys outside {@link #configSection()} this plugin reads, with absolute paths
     * ({@code "default-num-partitions"}); {@link PluginContext#rootConfig()} answers these and no others.
     * A key that neither the kernel nor another plugin defines is defined by this declaration (its type,
     * default and description are what users see); a key defined elsewhere keeps that definition.
     */
    default List<ConfigKey> configReads() {
        return List.of();
    }

    /** Service types that must be {@linkplain PluginContext#provide provided} by other plugins before this one starts. */
    default Set<Class<?>> requires() {
        return Set.of();
    }

    /**
     * Service types this plugin uses when a selected plugin provides them ({@link PluginContext#find}) and does
     * without otherwise: it starts after their providers, whatever their phase, and is still selected when none is.
     */
    default Set<Class<?>> uses() {
        return Set.of();
    }

    /**
     * Service types this plugin {@linkplain PluginContext#provide provides} during {@link Component#start()};
     * providing any other type is refused.
     */
    default Set<Class<?>> provides() {
        return Set.of();
    }

    /**
     * Creates the plugin's component. Must allocate nothing (no sockets, files, threads); that is
     * {@link Component#start()}'s job. May read configuration and fail with {@link IllegalArgumentException}.
     */
    Component create(PluginContext context);
}
