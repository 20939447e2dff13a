package dev.resolute.admin;

import dev.resolute.spi.Component;
import dev.resolute.spi.NetworkService;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.storage.Storage;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The admin endpoint (role {@code admin}): owns the schema registry, which it keeps in storage and
 * {@linkplain PluginContext#provide provides} as {@link Schemas}, and mounts the admin REST API on the
 * admin service's listeners.
 */
public final class AdminEndpointFactory implements PluginFactory {
    /** How long one registration may spend on discovery, retries included; below the CLI's 13 s request timeout. */
    static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String id() {
        return "admin";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.ENDPOINT;
    }

    @Override
    public Set<String> roles() {
        return Set.of("admin");
    }

    @Override
    public List<NetworkService> networkServices() {
        return List.of(NetworkService.of("admin", 9070).withLegacyAdvertisedKey("advertised-admin-endpoint"));
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(Storage.class);
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(Schemas.class);
    }

    @Override
    public Component create(PluginContext context) {
        return new Component() {
            private Discovery discovery;

            @Override
            public void start() throws Exception {
                discovery = new Discovery(DISCOVERY_TIMEOUT, context.node().clusterName());
                discovery.start();
                SchemaRegistry registry = new SchemaRegistry(new SchemaStore(context.require(Storage.class)), discovery);
                context.provide(Schemas.class, registry);
                context.http().mount("admin", new AdminHandler(registry, () -> context.http().advertised("ingress")));
            }

            @Override
            public void stop() throws Exception {
                if (discovery != null) {
                    discovery.stop();
                    discovery = null;
                }
            }
        };
    }
}
