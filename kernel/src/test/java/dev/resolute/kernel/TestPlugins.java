package dev.resolute.kernel;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.NetworkService;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Plugin factories for kernel tests: the real ids, kinds and declarations, with components that only record what happens. */
final class TestPlugins {
    private TestPlugins() {
    }

    /** A storage service type, standing in for the real one the storage plugins provide. */
    interface Store {
    }

    static class Factory implements PluginFactory {
        final String id;
        final PluginKind kind;
        final Set<Class<?>> requires;
        final Set<Class<?>> provides;
        final List<ConfigKey> keys;
        final List<String> events;
        Set<String> roles = Set.of();
        List<NetworkService> services = List.of();
        List<ConfigKey> reads = List.of();
        boolean failStart;
        boolean failWarmUp;

        Factory(String id, PluginKind kind, Set<Class<?>> requires, Set<Class<?>> provides, List<ConfigKey> keys, List<String> events) {
            this.id = id;
            this.kind = kind;
            this.requires = requires;
            this.provides = provides;
            this.keys = keys;
            this.events = events;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public PluginKind kind() {
            return kind;
        }

        /** Declares the roles this plugin serves and the network services it owns. */
        Factory declaring(Set<String> roles, NetworkService... services) {
            this.roles = roles;
            this.services = List.of(services);
            return this;
        }

        @Override
        public Set<String> roles() {
            return roles;
        }

        @Override
        public List<ConfigKey> configReads() {
            return reads;
        }

        @Override
        public List<NetworkService> networkServices() {
            return services;
        }

        @Override
        public String configSection() {
            return id.startsWith("storage-") ? "storage." + id.substring("storage-".length()) : id;
        }

        @Override
        public List<ConfigKey> configKeys() {
            return keys;
        }

        @Override
        public Set<Class<?>> requires() {
            return requires;
        }

        @Override
        public Set<Class<?>> provides() {
            return provides;
        }

        @Override
        public Component create(PluginContext context) {
            return new Component() {
                private volatile boolean warm;

                @Override
                public void warmUp() {
                    if (failWarmUp) {
                        throw new IllegalStateException(id + " cannot warm up");
                    }
                    warm = true;
                }

                @Override
                public void start() {
                    events.add("start " + id + (warm ? "" : " (not warmed up)"));
                    if (failStart) {
                        throw new IllegalStateException(id + " refuses to start");
                    }
                    for (Class<?> type : provides) {
                        provide(context, type);
                    }
                    for (Class<?> type : requires) {
                        context.require(type);
                    }
                }

                @Override
                public void stop() {
                    events.add("stop " + id);
                }
            };
        }

        @SuppressWarnings("unchecked")
        private static <T> void provide(PluginContext context, Class<T> type) {
            context.provide(type, (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> null));
        }
    }

    /** The default set: both listeners, lmdb (and optionally rocksdb), the three endpoints and the worker. */
    static List<Factory> standard(List<String> events, boolean withRocksdb) {
        List<Factory> out = new ArrayList<>(List.of(
                new Factory("listener-tcp", PluginKind.LISTENER, Set.of(), Set.of(), List.of(), events),
                new Factory("listener-unix", PluginKind.LISTENER, Set.of(), Set.of(), List.of(), events),
                new Factory("storage-lmdb", PluginKind.STORAGE, Set.of(), Set.of(Store.class),
                        List.of(ConfigKey.of("map-size", dev.resolute.spi.ConfigType.SIZE, "1 GiB", "map size")), events),
                new Factory("worker", PluginKind.ENGINE, Set.of(Store.class), Set.of(), List.of(), events).declaring(Set.of("worker")),
                new Factory("ingress", PluginKind.ENDPOINT, Set.of(), Set.of(), List.of(), events).declaring(Set.of("http-ingress"),
                        NetworkService.of("ingress", 8080).withLegacyAdvertisedKey("advertised-ingress-endpoint")),
                new Factory("admin", PluginKind.ENDPOINT, Set.of(), Set.of(), List.of(), events).declaring(Set.of("admin"),
                        NetworkService.of("admin", 9070).withLegacyAdvertisedKey("advertised-admin-endpoint")),
                new Factory("fabric", PluginKind.ENDPOINT, Set.of(), Set.of(), List.of(), events).declaring(Set.of(PluginFactory.EVERY_NODE),
                        NetworkService.root("fabric", 5122))));
        if (withRocksdb) {
            out.add(new Factory("storage-rocksdb", PluginKind.STORAGE, Set.of(), Set.of(Store.class), List.of(), events));
        }
        return out;
    }

    static PluginCatalog catalog(List<? extends PluginFactory> factories) {
        return PluginCatalog.of(factories.stream().map(f -> new PluginCatalog.Installed(f, "test")).toList());
    }
}
