package dev.resolute.listener.unix;

import dev.resolute.spi.Component;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;

/**
 * Listens on Unix domain sockets at {@code <base-dir>/<node-name>/<service>.sock}. Selected by its id when a selected
 * service's {@code listen-mode} includes Unix sockets, so it declares no roles.
 */
public final class UnixListenerFactory implements PluginFactory {
    @Override
    public String id() {
        return "listener-unix";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.LISTENER;
    }

    @Override
    public Component create(PluginContext context) {
        return new UnixListener(context.http());
    }
}
