package dev.resolute.kernel;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.Component;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.ServiceListen;
import dev.resolute.spi.SocketAddresses;
import dev.resolute.spi.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.ServerConnector;

/** A real {@code listener-tcp} for kernel tests that serve requests: one HTTP/1.1 connector per TCP service. */
final class TestTcpListener implements PluginFactory {
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
        return new Component() {
            private final List<ServerConnector> connectors = new ArrayList<>();

            @Override
            public void start() throws IOException {
                for (ServiceListen listen : context.http().services()) {
                    ServerConnector connector = new ServerConnector(context.http().server());
                    connector.setName(listen.connectorName(Transport.TCP));
                    connector.setHost(listen.tcp().getHostString());
                    connector.setPort(listen.tcp().getPort());
                    connectors.add(connector);
                    context.http().server().addConnector(connector);
                    connector.open();
                    context.http().bound(new BoundAddress(listen.service(), Transport.TCP,
                            SocketAddresses.format(listen.tcp().getHostString(), connector.getLocalPort())));
                }
            }

            @Override
            public void stop() {
                connectors.forEach(ServerConnector::close);
            }
        };
    }
}
