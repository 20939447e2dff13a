package dev.resolute.admin;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigType;
import dev.resolute.spi.NetworkService;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.http.GrpcGateway;
import dev.resolute.spi.http.WebUi;
import dev.resolute.spi.invocation.EngineInfo;
import dev.resolute.spi.invocation.ObjectStates;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.schema.Schemas;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoint (role {@code admin}): mounts the admin REST API on the admin service's listeners,
 * over the schema registry it requires. The worker's {@link EngineInfo} is optional: with it, service
 * JSON shows the engine's effective defaults; without it (a node without the worker role) the API shows
 * Restate's defaults and answers operations that need the engine with an error saying no worker runs here.
 */
public final class AdminEndpointFactory implements PluginFactory {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpointFactory.class);

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
    public List<ConfigKey> configKeys() {
        return List.of(ConfigKey.of("disable-web-ui", ConfigType.BOOLEAN, "false",
                "true stops serving the web UI (the ui plugin) at / and /ui/ on the admin port"));
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(Schemas.class);
    }

    /**
     * The sql plugin's engine, for {@code /query} (without it the route answers 501 saying which plugin to install),
     * the fabric's gRPC services, served on the admin listener too when the fabric runs, and the ui plugin's web UI,
     * served at {@code /} and {@code /ui/} unless {@code disable-web-ui}.
     */
    @Override
    public Set<Class<?>> uses() {
        return Set.of(QueryEngine.class, GrpcGateway.class, WebUi.class);
    }

    @Override
    public Component create(PluginContext context) {
        boolean disableWebUi = context.config().getBoolean("disable-web-ui");
        return new Component() {
            @Override
            public void start() {
                // the worker is an ENGINE plugin, so if this node runs one it has started before this ENDPOINT
                Optional<EngineInfo> engine = context.find(EngineInfo.class);
                if (engine.isEmpty()) {
                    LOG.info("no worker runs on this node: the admin API shows Restate's default timeouts and retry policy,"
                            + " and answers operations on invocations with 503");
                }
                AdminHandler admin = new AdminHandler(context.require(Schemas.class), engine, context.find(ObjectStates.class),
                        engine.flatMap(e -> context.find(InvocationControl.class)), context.find(QueryEngine.class),
                        () -> context.http().advertised("ingress"), context.health());
                Optional<GrpcGateway> grpc = context.find(GrpcGateway.class);
                org.eclipse.jetty.server.Handler api = grpc.<org.eclipse.jetty.server.Handler>map(g -> new GrpcOnAdmin(admin, g)).orElse(admin);
                Optional<WebUi> webUi = disableWebUi ? Optional.empty() : context.find(WebUi.class);
                String absence = disableWebUi ? "admin.disable-web-ui is true"
                        : "the plugin 'ui' is not installed (add its folder plugins/ui/ to the server's plugins)";
                if (webUi.isEmpty()) {
                    LOG.info("the web UI is off: {}", absence);
                }
                context.http().mount("admin", new WebUiOnAdmin(api, admin, webUi, absence));
            }

            @Override
            public void stop() {
                // the mounted handler holds no resources; the kernel's server stops it
            }
        };
    }
}
