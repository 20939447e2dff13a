package dev.resolute.spi.invocation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to invoke a handler.
 *
 * @param service        the service, object or workflow name
 * @param handler        the handler name
 * @param key            the object key or workflow id; empty for services
 * @param body           the input bytes
 * @param headers        request headers forwarded to the handler, in order, lowercase names
 * @param idempotencyKey an idempotency key, if the client gave one
 * @param executionTime  when to run it (a delayed send), or empty for now
 */
public record InvocationRequest(String service, String handler, Optional<String> key, byte[] body,
                                List<Map.Entry<String, String>> headers, Optional<String> idempotencyKey,
                                Optional<Instant> executionTime) {
    public InvocationRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        headers = List.copyOf(headers);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(executionTime, "executionTime");
    }
}
