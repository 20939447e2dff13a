package dev.resolute.schema;

import dev.resolute.spi.Component;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.storage.Storage;
import java.time.Duration;
import java.util.Set;

/**
 * The schema registry (deployments and service revisions, kept in the {@code schema} keyspace), provided
 * as {@link Schemas} on every node that serves the admin API, runs the engine or accepts ingress calls,
 * so none of those roles needs another to start.
 */
public final class SchemaPluginFactory implements PluginFactory {
    /** How long one registration may spend on discovery, retries included; below the CLI's 13 s request timeout. */
    static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String id() {
        return "schema";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.ENGINE;
    }

    @Override
    public Set<String> roles() {
        return Set.of("admin", "worker", "http-ingress");
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
                context.provide(Schemas.class, new SchemaRegistry(new SchemaStore(context.require(Storage.class)), discovery));
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
