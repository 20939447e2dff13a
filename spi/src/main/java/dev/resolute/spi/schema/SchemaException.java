package dev.resolute.spi.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * A registry operation that failed, typed by {@link Kind}. The message is written for the person who
 * registered the deployment: what is wrong and, where there is one, what to change. Where Restate has
 * an error code for the case, {@link #restateCode()} carries it ({@code META0012}).
 */
public final class SchemaException extends RuntimeException {

    /** What went wrong; the admin API maps each kind to one HTTP status. */
    public enum Kind {
        /** The request itself is wrong (a relative URI, a bad header name). */
        INVALID_REQUEST,
        /** Discovery could not reach the endpoint, or it answered with an error status. */
        UNREACHABLE,
        /** The endpoint answered, but not with a manifest we can read (content type, JSON, required fields). */
        BAD_MANIFEST,
        /** The manifest reads, but a service breaks the registry's rules (names, types, content types). */
        INVALID_SERVICE,
        /** The SDK's protocol range does not meet the versions this server speaks. */
        UNSUPPORTED_PROTOCOL,
        /** A service would change its type; allowed only with {@code breaking} or {@code force}. */
        INCOMPATIBLE_CHANGE,
        /** No such deployment, service or handler. */
        NOT_FOUND,
        /** The registry's state does not allow the operation (an existing deployment without {@code force}). */
        CONFLICT,
        /** The registry cannot store the change now: its storage failed (full, I/O error). Nothing was changed. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String restateCode;

    public SchemaException(Kind kind, String message) {
        this(kind, null, message, null);
    }

    /**
     * @param restateCode Restate's error code for the case ({@code "META0003"}), or null if it has none
     * @param cause       the underlying failure, or null
     */
    public SchemaException(Kind kind, String restateCode, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.restateCode = restateCode;
    }

    public Kind kind() {
        return kind;
    }

    /** Restate's error code, such as {@code META0012}, when Restate has one for this case. */
    public Optional<String> restateCode() {
        return Optional.ofNullable(restateCode);
    }

    @Override
    public String toString() {
        return "SchemaException[" + kind + restateCode().map(c -> " " + c).orElse("") + "]: " + getMessage();
    }
}
