package dev.resolute.listener.tcp;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.Component;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.ServiceListen;
import dev.resolute.spi.SocketAddresses;
import dev.resolute.spi.Transport;
import java.io.IOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/** Binds one TCP connector per service whose listen mode includes TCP. */
final class TcpListener implements Component {
    private final HttpHost host;
    private final List<ServerConnector> connectors = new ArrayList<>();

    TcpListener(HttpHost host) {
        this.host = host;
    }

    @Override
    public void start() throws IOException {
        for (ServiceListen listen : host.services()) {
            if (!listen.transports().contains(Transport.TCP)) {
                continue;
            }
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            // Endpoints split the raw path themselves and serve no files, so Jetty's guard against ambiguous paths
            // (%2F, %25, //, %2E%2E, bad UTF-8: all refused with an HTML 400) would only refuse keys such as a%2Fb.
            http.setUriCompliance(UriCompliance.UNSAFE);
            // HTTP/1.1 first: it recognises the h2c preface and Upgrade: h2c and hands over to HTTP/2.
            ServerConnector connector = new FamilyBoundConnector(host.server(), new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
            connector.setName(listen.connectorName(Transport.TCP));
            connector.setHost(listen.tcp().getHostString());
            connector.setPort(listen.tcp().getPort());
            connectors.add(connector);
            host.server().addConnector(connector);
            try {
                connector.open();
            } catch (IOException e) {
                throw new IOException(bindFailure(listen, e), e);
            }
            host.bound(new BoundAddress(listen.service(), Transport.TCP, SocketAddresses.format(listen.tcp().getHostString(), connector.getLocalPort())));
        }
    }

    private static String bindFailure(ServiceListen listen, IOException e) {
        String address = SocketAddresses.format(listen.tcp().getHostString(), listen.tcp().getPort());
        boolean busy = e instanceof BindException || e.getCause() instanceof BindException;
        String env = "RESTATE_" + listen.portKey().replace(".", "__").replace('-', '_').toUpperCase(Locale.ROOT);
        return listen.service() + " cannot listen on " + address + ": "
                + (busy ? "address already in use" : String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()))
                + "; change " + listen.portKey() + " (or " + env + "), or set use-random-ports = true";
    }

    @Override
    public void stop() throws IOException {
        for (ServerConnector connector : connectors) {
            connector.close();
            host.server().removeConnector(connector);
        }
        connectors.clear();
    }
}
