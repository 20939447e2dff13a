package dev.resolute.spi.http;

/**
 * How an endpoint shapes the JSON errors its clients parse. A handler mounted on the
 * {@link dev.resolute.spi.HttpHost} that implements this also shapes the errors the host answers for it
 * before or around the handler: what Jetty refuses before any handler runs (a bad URI or encoding, a URI
 * or header block too long, a body too large) and what a handler fails to answer. A handler that does not
 * implement it gets the plain shape, {@code {"message":"…"}}.
 */
@FunctionalInterface
public interface ErrorShape {
    /** The plain shape, {@code {"message":"…"}}. */
    ErrorShape PLAIN = JsonError::message;

    /**
     * The error this endpoint answers with.
     *
     * @param status  the HTTP status, 400 to 599
     * @param message what was wrong, for the client to read
     */
    JsonError error(int status, String message);
}
