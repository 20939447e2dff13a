package dev.resolute.admin;

import dev.resolute.spi.Component;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;

/** The admin endpoint (role `admin`): mounts its handler on the admin service's listeners. */
public final class AdminEndpointFactory implements PluginFactory {
    @Override
    public String id() {
        return "admin";
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
                context.http().mount("admin", new AdminHandler());
            }

            @Override
            public void stop() {
                // the mounted handler holds no resources; the kernel's server stops it
            }
        };
    }
}
