package dev.resolute.pgwire;

import dev.resolute.spi.Component;
import dev.resolute.spi.NetworkService;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.query.QueryEngine;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Postgres wire protocol endpoint (role {@code admin}, like Restate's old pgwire port 9071): its connectors,
 * TCP and {@code pgwire.sock}, speak Postgres instead of HTTP and answer queries read-only over the
 * {@link QueryEngine} of the {@code sql} plugin. Without that plugin clients still connect, and every query is
 * answered with an error naming the plugin to install.
 */
public final class PgwireEndpointFactory implements PluginFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PgwireEndpointFactory.class);

    @Override
    public String id() {
        return "pgwire";
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
        return List.of(NetworkService.of("pgwire", 9071));
    }

    @Override
    public Set<Class<?>> uses() {
        return Set.of(QueryEngine.class);
    }

    @Override
    public Component create(PluginContext context) {
        return new Component() {
            private PgwireProtocol protocol;

            @Override
            public void start() {
                Optional<QueryEngine> engine = context.find(QueryEngine.class);
                if (engine.isEmpty()) {
                    LOG.info("the sql plugin is not installed: pgwire clients can connect, and queries answer with an error saying so");
                }
                protocol = new PgwireProtocol(engine);
                context.http().mountProtocol("pgwire", protocol);
            }

            @Override
            public void stop() throws Exception {
                if (protocol != null) {
                    protocol.endSessions();
                }
            }
        };
    }
}
