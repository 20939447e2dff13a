package dev.resolute.spi.invocation;

import java.util.Map;
import java.util.Objects;

/**
 * How an invocation ended: with a value, or with a terminal failure ({@code code} is HTTP-like).
 *
 * @param value    the output bytes when it succeeded, else empty
 * @param failed   whether it ended with a terminal failure
 * @param code     the failure code (0 on success)
 * @param message  the failure message (empty on success)
 * @param metadata failure metadata (V6+)
 */
public record InvocationOutcome(byte[] value, boolean failed, int code, String message, Map<String, String> metadata) {
    public InvocationOutcome {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(message, "message");
        metadata = Map.copyOf(metadata);
    }

    public static InvocationOutcome success(byte[] value) {
        return new InvocationOutcome(value, false, 0, "", Map.of());
    }

    public static InvocationOutcome failure(int code, String message, Map<String, String> metadata) {
        return new InvocationOutcome(new byte[0], true, code, message, metadata);
    }
}
