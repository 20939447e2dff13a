package dev.resolute.spi.schema;

/** How the server exchanges frames with a deployment, from the manifest's {@code protocolMode}. */
public enum ProtocolMode {
    /** Full duplex: the request stays open while the SDK answers. */
    BIDI_STREAM,
    /** The server closes the request after the replay; the SDK suspends when it needs more. */
    REQUEST_RESPONSE
}
