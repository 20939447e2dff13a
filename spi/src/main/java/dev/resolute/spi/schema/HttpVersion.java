package dev.resolute.spi.schema;

/** The HTTP version discovery used, and so the one invocations of the deployment must use. */
public enum HttpVersion {
    /** Chosen with {@code use_http_11}; request/response, or bidirectional if the endpoint allows it. */
    HTTP_1_1,
    /** Over {@code http://}: cleartext with prior knowledge (h2c). */
    HTTP_2
}
