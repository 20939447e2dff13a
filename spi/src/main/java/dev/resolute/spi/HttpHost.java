package dev.resolute.spi;

import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/**
 * The seam between listeners (who own sockets) and endpoints (who own protocols). The kernel owns
 * one Jetty {@link Server}; listener plugins add connectors for the {@link #services()} to it during
 * their start, endpoint plugins {@linkplain #mount mount} a handler per service. The kernel starts
 * accepting only after every plugin has started.
 */
public interface HttpHost {

    /** The server listeners add their connectors to. Listeners must not start or stop it. */
    Server server();

    /** Every service the node exposes, with the addresses resolved from configuration. */
    List<ServiceListen> services();

    /**
     * Listeners report each socket they bound (after binding, before the server accepts). The
     * connector must be named {@link ServiceListen#connectorName(Transport)} so requests are routed
     * to the handler mounted for that service.
     */
    void bound(BoundAddress address);

    /**
     * Endpoints mount the handler that serves {@code service}, one of the {@link NetworkService}s their factory declares.
     * The host serves it inside {@link dev.resolute.spi.http.HttpPlumbing}: requests are counted for
     * {@link #listenerStats()}, and a handler may answer without reading the request body (the host reads
     * the rest, so the client's connection stays open). A handler that returns {@code false} gets the host's
     * JSON 404; errors it answers itself should be {@link dev.resolute.spi.http.JsonError}s.
     */
    void mount(String service, Handler handler);

    /**
     * Endpoints of a service that does not speak HTTP (pgwire) hand the protocol its connections speak instead of
     * mounting a handler: every connector of {@code service}, whichever listener bound it, then serves only
     * {@code protocol}. Call it from {@link Component#start()}, before the host accepts.
     */
    void mountProtocol(String service, ConnectionFactory protocol);

    /**
     * The URL clients reach {@code service} at, as this node advertises it ({@code advertised-address} or
     * derived from the bound socket, so ask once listeners have bound); empty if the node does not expose
     * the service.
     */
    Optional<String> advertised(String service);

    /** Traffic counters of every bound socket, for metrics. */
    List<ListenerStats> listenerStats();
}
