package dev.resolute.spi;

/**
 * The lifecycle phase of a plugin. The kernel starts plugins in this order (and within a phase in
 * the order their declared dependencies demand), then starts accepting traffic; it stops them in
 * reverse.
 */
public enum PluginKind {
    /** Owns sockets: binds every service's address before anything else opens. */
    LISTENER,
    /** Owns durable storage. */
    STORAGE,
    /** The durable-execution engine and other stateful roles. */
    ENGINE,
    /** Owns a protocol: hands a handler for its service to the {@link HttpHost}. */
    ENDPOINT
}
