package dev.resolute.listener.unix;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.Component;
import dev.resolute.spi.HttpHost;
import dev.resolute.spi.ServiceListen;
import dev.resolute.spi.Transport;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.HostPort;

/**
 * Adds one Unix-domain connector per service whose listen mode includes Unix. A socket file left
 * by a crashed server is replaced; one that a live server still answers on is refused.
 *
 * <p>Jetty's Unix connector binds its socket only when the server starts (it has no public
 * {@code open()}), so in the bind phase this listener settles everything that can fail — path
 * length, directory, a live or stale socket — and the socket file appears when the kernel starts
 * accepting. TCP ports, which other programs can take, are bound in the bind phase.
 */
final class UnixListener implements Component {
    /** sun_path holds 108 bytes including the terminating NUL. */
    private static final int MAX_PATH_BYTES = 107;

    private final HttpHost host;
    private final List<UnixDomainServerConnector> connectors = new ArrayList<>();
    private final List<Path> sockets = new ArrayList<>();

    UnixListener(HttpHost host) {
        this.host = host;
    }

    @Override
    public void start() throws IOException {
        for (ServiceListen listen : host.services()) {
            if (!listen.transports().contains(Transport.UNIX)) {
                continue;
            }
            Path socket = listen.unixSocket().toAbsolutePath();
            if (socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
                throw new IOException(listen.service() + " cannot listen on " + socket + ": a Unix socket path may have at most "
                        + MAX_PATH_BYTES + " bytes; choose a shorter base-dir or node-name");
            }
            Files.createDirectories(socket.getParent());
            replaceStale(listen.service(), socket);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            // Endpoints split the raw path themselves and serve no files, so Jetty's guard against ambiguous paths
            // (%2F, %25, //, %2E%2E, bad UTF-8: all refused with an HTML 400) would only refuse keys such as a%2Fb.
            http.setUriCompliance(UriCompliance.UNSAFE);
            // An h2c prior-knowledge request has no Host; Jetty would fall back to the socket path, which is no authority.
            http.setServerAuthority(new HostPort("localhost"));
            UnixDomainServerConnector connector = new UnixDomainServerConnector(host.server(),
                    new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
            connector.setName(listen.connectorName(Transport.UNIX));
            connector.setUnixDomainPath(socket);
            connectors.add(connector);
            host.server().addConnector(connector);
            sockets.add(socket);
            host.bound(new BoundAddress(listen.service(), Transport.UNIX, socket.toString()));
        }
    }

    private static void replaceStale(String service, Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException refused) {
            Files.delete(socket); // nobody answers: left behind by a crash
            return;
        }
        throw new IOException(service + " cannot listen on " + socket + ": another server is listening on it; "
                + "stop it or choose another base-dir or node-name");
    }

    @Override
    public void stop() throws Exception {
        for (UnixDomainServerConnector connector : connectors) {
            connector.stop(); // already stopped with the server, unless the start failed earlier
            host.server().removeConnector(connector);
        }
        connectors.clear();
        for (Path socket : sockets) {
            Files.deleteIfExists(socket);
        }
        sockets.clear();
    }
}
