package dev.resolute.spi.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An error answer in the shape Restate's clients parse: an HTTP status and a flat JSON object whose
 * fields keep the order they were added in, for example the kernel's {@code {"message":"…"}}, the admin
 * API's {@code {"message":"…","restate_code":null}} or the ingress's
 * {@code {"code":404,"message":"…","source":"ingress"}}. Strings are escaped as Jackson writes them, so a
 * body is byte for byte what a Jackson {@code ObjectNode} with the same fields would give.
 *
 * <p>Immutable: {@link #with} and {@link #header} return a new error. Endpoints build one per answer and
 * {@linkplain #write write} it, or take its {@link #body()} into their own response type.
 */
public final class JsonError {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final int status;
    private final List<String> members; // each one already encoded: "name":value
    private final Map<String, String> headers;

    private JsonError(int status, List<String> members, Map<String, String> headers) {
        this.status = status;
        this.members = members;
        this.headers = headers;
    }

    /** An error with the given status and no fields yet. */
    public static JsonError status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status (100-599), not " + status);
        }
        return new JsonError(status, List.of(), Map.of());
    }

    /** The plain shape, {@code {"message":"…"}}. */
    public static JsonError message(int status, String message) {
        return status(status).with("message", message);
    }

    /** This error with a string field added last; a {@code null} value is written as JSON {@code null}. */
    public JsonError with(String name, String value) {
        return withEncoded(name, value == null ? "null" : quote(value));
    }

    /** This error with a number field added last. */
    public JsonError with(String name, long value) {
        return withEncoded(name, Long.toString(value));
    }

    /** This error with a response header it is sent with ({@code Allow} on a 405, an error-source header). */
    public JsonError header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new JsonError(status, members, Collections.unmodifiableMap(more));
    }

    public int status() {
        return status;
    }

    /** The headers added with {@link #header}, in the order they were added. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body in UTF-8. */
    public byte[] body() {
        return ("{" + String.join(",", members) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Answers with this error: its headers, status, {@code Content-Type: application/json} and body, as the last write. */
    public void write(Response response, Callback callback) {
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body()), callback);
    }

    @Override
    public String toString() {
        return status + " " + new String(body(), StandardCharsets.UTF_8);
    }

    private JsonError withEncoded(String name, String json) {
        Objects.requireNonNull(name, "name");
        List<String> more = new ArrayList<>(members);
        more.add(quote(name) + ":" + json);
        return new JsonError(status, List.copyOf(more), headers);
    }

    /** A JSON string literal, escaped as Jackson's default generator does (short escapes where JSON has them, else \\u00XX). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
