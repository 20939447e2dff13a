package dev.resolute.spi.schema;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What request body a handler accepts (manifest {@code input}). A handler without {@code input} in its
 * manifest accepts anything: {@code required = false, contentType = "*}{@code /*"}.
 *
 * @param required    if false, an empty body without a content type is accepted
 * @param contentType an accept-style pattern ({@code "application/json"}, {@code "text/*"}, {@code "*}{@code /*"});
 *                    empty means no body is allowed at all
 * @param jsonSchema  the JSON schema of the body as JSON text, for documentation; a body matched by a
 *                    JSON schema must not be empty
 */
public record InputRules(boolean required, Optional<String> contentType, Optional<String> jsonSchema) {

    /** The rules of a handler whose manifest has no {@code input}. */
    public static final InputRules ANY = new InputRules(false, Optional.of("*/*"), Optional.empty());

    public InputRules {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(jsonSchema, "jsonSchema");
    }

    /**
     * Whether a request with this content type (empty if the request has none) and body is acceptable,
     * by Restate's ingress rules: parameters after {@code ;} are ignored, and type and subtype must
     * match unless the pattern has a wildcard there (compared case-insensitively, as media types are).
     */
    public boolean accepts(Optional<String> requestContentType, boolean emptyBody) {
        Objects.requireNonNull(requestContentType, "requestContentType");
        if (!required && emptyBody && requestContentType.isEmpty()) {
            return true;
        }
        if (contentType.isEmpty() || requestContentType.isEmpty()) {
            return false;
        }
        if (jsonSchema.isPresent() && emptyBody) {
            return false;
        }
        return matches(contentType.get(), requestContentType.get());
    }

    private static boolean matches(String pattern, String contentType) {
        String[] want = pattern.trim().split("/", 2);
        String bare = contentType.split(";", 2)[0].trim();
        String[] got = bare.split("/", 2);
        if (got.length != 2) {
            return false;
        }
        if (want[0].equals("*")) {
            return true;
        }
        // media types compare case-insensitively (RFC 9110 §8.3.1)
        boolean sameType = want[0].toLowerCase(Locale.ROOT).equals(got[0].toLowerCase(Locale.ROOT));
        return sameType && (want[1].equals("*") || want[1].toLowerCase(Locale.ROOT).equals(got[1].toLowerCase(Locale.ROOT)));
    }
}
