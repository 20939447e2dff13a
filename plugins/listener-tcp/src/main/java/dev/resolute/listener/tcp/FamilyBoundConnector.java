package dev.resolute.listener.tcp;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A connector whose socket has the protocol family of its bind address. The JVM opens dual-stack IPv6 sockets by
 * default, so {@code 127.0.0.1} or {@code 0.0.0.0} would be bound as {@code [::ffff:127.0.0.1]} or {@code [::]}
 * (which also accepts IPv6); a user who asked for an IPv4 address gets an IPv4 socket, {@code ::} stays IPv6.
 * A JVM-wide {@code -Djava.net.preferIPv4Stack} would instead make {@code ::} unbindable.
 */
final class FamilyBoundConnector extends ServerConnector {
    FamilyBoundConnector(Server server, ConnectionFactory... factories) {
        super(server, factories);
    }

    @Override
    protected ServerSocketChannel openAcceptChannel() throws IOException {
        InetSocketAddress address = getHost() == null ? new InetSocketAddress(getPort()) : new InetSocketAddress(getHost(), getPort());
        // Anything else (IPv6, an unresolved name bind will report) keeps the JVM's default socket, as Jetty opens it.
        ServerSocketChannel channel = address.getAddress() instanceof Inet4Address ? ServerSocketChannel.open(StandardProtocolFamily.INET)
                : ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, getReuseAddress());
            if (isReusePort()) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.bind(address, getAcceptQueueSize());
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw new IOException("Failed to bind to " + address, e); // Jetty's own wording, cause kept for the caller
        }
    }
}
