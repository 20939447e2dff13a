package dev.resolute.spi.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * The content type the ingress puts on a handler's response (manifest {@code output}). A handler
 * without {@code output} in its manifest answers {@code application/json}.
 *
 * @param contentType           the response content type; empty means none is set
 * @param setContentTypeIfEmpty whether to set it also on an empty response
 * @param jsonSchema            the JSON schema of the response as JSON text, for documentation
 */
public record OutputRules(Optional<String> contentType, boolean setContentTypeIfEmpty, Optional<String> jsonSchema) {

    /** The rules of a handler whose manifest has no {@code output}. */
    public static final OutputRules JSON = new OutputRules(Optional.of("application/json"), false, Optional.empty());

    public OutputRules {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(jsonSchema, "jsonSchema");
    }

    /** The content type to send with a response, empty for none. */
    public Optional<String> contentTypeFor(boolean emptyBody) {
        return emptyBody && !setContentTypeIfEmpty ? Optional.empty() : contentType;
    }
}
