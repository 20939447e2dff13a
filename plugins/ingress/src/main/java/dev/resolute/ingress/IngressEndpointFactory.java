package dev.resolute.ingress;

import dev.resolute.spi.Component;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;

/** The ingress endpoint (role `http-ingress`): mounts its handler on the ingress service's listeners. */
public final class IngressEndpointFactory implements PluginFactory {
    @Override
    public String id() {
        return "ingress";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.ENDPOINT;
    }

    @Override
    public Component create(PluginContext context) {
        return new Component() {
            @Override
            public void start() {
                context.http().mount("ingress", new IngressHandler());
            }

            @Override
            public void stop() {
                // the mounted handler holds no resources; the kernel's server stops it
            }
        };
    }
}
