package dev.resolute.worker.protocol;

import java.io.IOException;

/**
 * The bytes a deployment sent break the service protocol: a frame over the size limit, a stream that ends
 * inside a frame, or a payload that does not parse as its type's message. The attempt cannot go on; the engine
 * fails it and retries. An {@link IOException}, as protobuf's own parse errors are: it is bad input from the
 * other end of a stream, and code that reads a deployment's response handles both alike.
 */
public final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A violation described in words that name the frame, e.g. by its type id. */
    public ProtocolException(String message) {
        super(message);
    }

    /** A violation found by a parser, which is kept as the cause. */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
