package dev.resolute.listener.tcp;

import dev.resolute.spi.Component;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;

/**
 * Listens on TCP: HTTP/1.1 and cleartext HTTP/2 (prior knowledge or Upgrade) on one port per service. Selected by its
 * id when a selected service's {@code listen-mode} includes TCP, so it declares no roles.
 */
public final class TcpListenerFactory implements PluginFactory {
    @Override
    public String id() {
        return "listener-tcp";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.LISTENER;
    }

    @Override
    public Component create(PluginContext context) {
        return new TcpListener(context.http());
    }
}
