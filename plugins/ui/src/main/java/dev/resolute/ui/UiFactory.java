package dev.resolute.ui;

import dev.resolute.spi.Component;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.browse.InvocationBrowser;
import dev.resolute.spi.browse.InvocationChanges;
import dev.resolute.spi.http.WebUi;
import dev.resolute.spi.invocation.EngineInfo;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.invocation.ObjectStates;
import dev.resolute.spi.schema.Schemas;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI (role {@code admin}): provides the {@link WebUi} the admin endpoint serves under {@code /ui/}. It needs
 * the schema registry, which every admin node runs; the worker's reads, change feed and controls it uses when this
 * node runs a worker, and without one it still serves its pages and answers the data calls that need the worker with
 * 503 saying so.
 */
public final class UiFactory implements PluginFactory {
    private static final Logger LOG = LoggerFactory.getLogger(UiFactory.class);

    @Override
    public String id() {
        return "ui";
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
    public Set<Class<?>> requires() {
        return Set.of(Schemas.class);
    }

    @Override
    public Set<Class<?>> uses() {
        return Set.of(InvocationBrowser.class, InvocationChanges.class, InvocationControl.class, ObjectStates.class, EngineInfo.class);
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(WebUi.class);
    }

    @Override
    public Component create(PluginContext context) {
        return new Component() {
            private UiServer server;

            @Override
            public void start() {
                server = UiServer.start(context, WebAssets.load(UiFactory.class.getClassLoader()));
                if (context.find(InvocationBrowser.class).isEmpty()) {
                    LOG.info("no worker runs on this node: the web UI serves its pages and answers data calls with 503");
                }
                context.provide(WebUi.class, server.handler());
            }

            @Override
            public void stop() {
                if (server != null) {
                    server.stop();
                    server = null;
                }
            }
        };
    }
}
