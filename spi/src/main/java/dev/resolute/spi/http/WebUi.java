package dev.resolute.spi.http;

import org.eclipse.jetty.server.Request;

/**
 * The web UI the admin endpoint serves at {@code /} and under {@code /ui/} (unless {@code admin.disable-web-ui}): the
 * admin endpoint hands it every request whose path is {@code /}, {@code /ui} or starts with {@code /ui/}. Provided by
 * the {@code ui} plugin; the admin endpoint declares it in {@code uses()}. Like {@link GrpcGateway} it is just the call,
 * with no Jetty lifecycle of its own; it always answers.
 */
@FunctionalInterface
public interface WebUi extends Request.Handler {
}
