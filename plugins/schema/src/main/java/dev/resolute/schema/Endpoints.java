package dev.resolute.schema;

import dev.resolute.spi.schema.SchemaException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Checks and normalizes what a registration says about the endpoint: its URI and extra headers. */
final class Endpoints {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private Endpoints() {
    }

    /**
     * The deployment's identity: scheme lowercased, {@code /} for an empty path (as Restate
     * prints {@code http://host:9080/}), query kept.
     */
    static URI normalize(URI uri) {
        if (!uri.isAbsolute() || uri.getRawAuthority() == null) {
            throw invalid("The provided uri " + uri + " is not absolute, only absolute URIs can be used.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("The provided uri " + uri + " has the scheme '" + uri.getScheme() + "'; only http and https are supported.");
        }
        if (uri.getHost() == null) {
            throw invalid("The provided uri " + uri + " has no host.");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            return new URI(scheme + "://" + uri.getRawAuthority() + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw invalid("The provided uri " + uri + " cannot be normalized: " + e.getMessage());
        }
    }

    /** {@code {uri path without trailing /}/{suffix}} with the query kept: where discovery and invocations go. */
    static URI resolve(URI normalized, String suffix) {
        String path = normalized.getRawPath();
        String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String query = normalized.getRawQuery() == null ? "" : "?" + normalized.getRawQuery();
        return URI.create(normalized.getScheme() + "://" + normalized.getRawAuthority() + base + "/" + suffix + query);
    }

    /** Header names lowercased; names must be HTTP tokens and values must not break lines. */
    static Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (!TOKEN.matcher(name).matches()) {
                throw invalid("The additional header name '" + name + "' is not a valid HTTP header name.");
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw invalid("The value of the additional header '" + name + "' must not contain line breaks or NUL.");
            }
            out.put(name.toLowerCase(Locale.ROOT), value);
        });
        return out;
    }

    private static SchemaException invalid(String message) {
        return new SchemaException(SchemaException.Kind.INVALID_REQUEST, message);
    }
}
