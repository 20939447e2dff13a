package dev.resolute.ingress;

import static dev.resolute.spi.ConfigKey.of;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigType;
import dev.resolute.spi.NetworkService;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.invocation.Invocations;
import dev.resolute.spi.schema.Schemas;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress endpoint (role {@code http-ingress}): invokes handlers over HTTP on the ingress listeners,
 * through the worker's {@link Invocations} when this node runs one, and otherwise refuses invocations
 * with 503 ({@link NoWorker}).
 */
public final class IngressEndpointFactory implements PluginFactory {
    private static final Logger LOG = LoggerFactory.getLogger(IngressEndpointFactory.class);

    @Override
    public String id() {
        return "ingress";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.ENDPOINT;
    }

    @Override
    public Set<String> roles() {
        return Set.of("http-ingress");
    }

    @Override
    public List<NetworkService> networkServices() {
        return List.of(NetworkService.of("ingress", 8080).withLegacyAdvertisedKey("advertised-ingress-endpoint"));
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(of("request-size-limit", ConfigType.SIZE, "32 MiB", "largest request body the ingress accepts (413 above)"));
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(Schemas.class); // Invocations when a worker runs here: found, not required
    }

    @Override
    public Component create(PluginContext context) {
        long limit = context.config().getBytes("request-size-limit");
        return new Component() {
            @Override
            public void start() {
                // the worker is an ENGINE plugin, so if this node runs one it has started before this ENDPOINT
                Invocations invocations = context.find(Invocations.class).orElseGet(() -> {
                    LOG.info("no worker runs on this node: the ingress answers invocations with 503");
                    return new NoWorker();
                });
                context.http().mount("ingress", new IngressHandler(context.require(Schemas.class), invocations, limit, context.health()));
            }

            @Override
            public void stop() {
                // the mounted handler holds no resources; the kernel's server stops it
            }
        };
    }
}
