package dev.resolute.dist;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The pieces of a hostile HTTP request for the fuzz tests. Raw pieces are strings of ISO-8859-1 characters, one
 * per byte on the wire, so {@code "\u00ff"} is the byte 0xFF (not UTF-8) and a UTF-8 sequence is written byte by byte.
 */
final class FuzzInputs {
    /** Names that mean something to one of the endpoints, so random paths reach their handlers and not only 404s. */
    private static final List<String> WORDS = List.of("Counter", "Greeter", "restate", "awakeables", "a", "resolve", "reject",
            "send", "call", "attach", "output", "lookup", "invocation", "workflow", "invocations", "deployments", "services",
            "state", "handlers", "health", "query", "openapi", "version", "cancel", "kill", "purge", "pause", "resume",
            "restart-as-new", "inv_1abc", "sign_1abc", "prom_1abc", "dp_1abc", "api", "ui", "metrics", "cluster-health",
            "subscriptions", "v1", "v2", "v9", "grpc.health.v1.Health", "Check", "..", ".", "");
    private static final List<String> ESCAPES = List.of("%", "%0", "%00", "%zz", "%2F", "%2f", "%5C", "%2E%2E", "%2e", "%25",
            "%C3%28", "%FF%FE", "%E2%82", "%F0%9F%98%80", "caf%C3%A9", "%C0%AF", "%ED%A0%80", "?x=1", "?delay=1s", "?delay=-1",
            "?force=maybe", "?mode=bogus", "#frag", ";p=1", "*", "~", "%20", "+");
    private static final List<String> RAW = List.of("\u00ff\u00fe", "caf\u00c3\u00a9", "\u00c3(", "\u00e2\u0082", "\\", "\\..\\", "//",
            "\u0001", "\t", "\u007f", "a b", "{}", "[]", "|", "^", "`", "\"", "<script>", "\u00c0\u00af");
    private static final List<String> HEADER_NAMES = List.of("content-type", "content-encoding", "accept", "accept-encoding",
            "idempotency-key", "x-restate-id", "authorization", "cookie", "range", "if-none-match", "origin", "te",
            "trailer", "upgrade", "http2-settings", "x-forwarded-for", "forwarded", "user-agent", "referer");
    private static final List<String> RESTRICTED = List.of("content-length", "connection", "expect", "host", "upgrade", "te",
            "trailer", "http2-settings");
    private static final List<String> HEADER_VALUES = List.of("application/json", "text/plain", "application/json; charset=utf-16",
            "*/*", "", "gzip", "br, zstd", "identity", "bytes=5-1", "bytes=0-", "Bearer x", "h2c", "trailers", "chunked",
            "application/vnd.restate.invocation.v5", "multipart/form-data; boundary=", "\u00ff\u00fe", "caf\u00c3\u00a9");

    private FuzzInputs() {
    }

    /** Path segments; {@code raw} adds bytes a URI may not hold (non-UTF-8, controls, spaces) and very long ones. */
    static Arbitrary<String> pathSegments(boolean raw) {
        Arbitrary<String> words = Arbitraries.of(WORDS);
        Arbitrary<String> escapes = Arbitraries.of(ESCAPES);
        Arbitrary<String> text = Arbitraries.strings().withChars("abcXYZ019-_.~!$&'()*+,;=:@").ofMaxLength(12);
        Arbitrary<String> escaped = Arbitraries.integers().between(0, 255).list().ofMinSize(1).ofMaxSize(6)
                .map(bytes -> bytes.stream().map(b -> String.format("%%%02X", b)).reduce("", String::concat));
        Arbitrary<String> legal = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, words), net.jqwik.api.Tuple.of(2, escapes), net.jqwik.api.Tuple.of(2, text),
                net.jqwik.api.Tuple.of(2, escaped), net.jqwik.api.Tuple.of(1, letters(5000, 5000)),
                net.jqwik.api.Tuple.of(1, letters(20_000, 1_100_000)));
        if (!raw) {
            return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, words), net.jqwik.api.Tuple.of(2, escaped),
                    net.jqwik.api.Tuple.of(2, text.map(t -> t.replaceAll("[^A-Za-z0-9._~-]", "_"))),
                    net.jqwik.api.Tuple.of(1, letters(5000, 5000)));
        }
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, legal), net.jqwik.api.Tuple.of(2, Arbitraries.of(RAW)));
    }

    /** Header lines ({@code "Name: value\r\n"}); {@code raw} adds odd names and bytes, 20 000 headers and huge values. */
    static Arbitrary<List<String>> headers(boolean raw) {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.of(HEADER_NAMES).filter(n -> raw || !RESTRICTED.contains(n)),
                Arbitraries.strings().withChars("abcXYZ-_019").ofMinLength(1).ofMaxLength(20).map(n -> "x-" + n));
        // HTTP/2 refuses a header block over the limit with GOAWAY (Jetty answers no 431 there): legal headers stay below it
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of(HEADER_VALUES).filter(v -> raw || v.chars().allMatch(c -> c < 0x7f)),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60),
                raw ? letters(8_000, 12_000) : letters(500, 700));
        Arbitrary<String> line = Combinators.combine(name, value).as((n, v) -> n + ": " + v + "\r\n");
        if (!raw) {
            return line.list().ofMaxSize(8).map(lines -> lines.stream().map(l -> l.replace("\r\n", "")).toList());
        }
        Arbitrary<String> odd = Arbitraries.of("bad name: x\r\n", ": no name\r\n", "no-colon\r\n", "x-a:\u00ff\u00fe\r\n",
                " leading-space: x\r\n", "x-obs: a\r\n folded\r\n", "x-nul: a\u0000b\r\n", "x-cr: a\rb\r\n",
                "Content-Type: application/json\r\nContent-Type: text/plain\r\n", "x-huge: " + "h".repeat(70_000) + "\r\n");
        Arbitrary<List<String>> some = Arbitraries.oneOf(line, line, line, odd).list().ofMaxSize(10);
        Arbitrary<List<String>> many = Arbitraries.of(100, 3_000, 20_000).map(n -> java.util.Collections.nCopies(n, "X-Many: header\r\n"));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, some), net.jqwik.api.Tuple.of(1, many));
    }

    /** Bodies: nothing, JSON the endpoints parse (good and bad), random bytes, and bodies over the limits. */
    static Arbitrary<byte[]> bodies() {
        Arbitrary<String> json = Arbitraries.of("{}", "null", "\"x\"", "[1,2]", "{", "{\"a\":}", "\u00ff", "{\"uri\":\"http://127.0.0.1:1\"}",
                "{\"uri\":\"notauri\"}", "{\"uri\":\"http://[::1\"}", "{\"uri\":\"ftp://x\"}", "{\"uri\":42}", "{\"arn\":\"arn:aws:lambda:x\"}",
                "{\"query\":\"SELECT 1\"}", "{\"query\":\"SELEC\"}", "{\"query\":\"SELECT 1/0\"}", "{\"query\":\"SELECT * FROM nope\"}",
                "{\"query\":\"SELECT * FROM sys_invocation WHERE id = 'x'\"}", "{\"query\":42}", "{\"query\":\"SELECT CAST('x' AS INT)\"}",
                "{\"query\":\"SELECT * FROM sys_journal LIMIT -1\"}", "{\"object_key\":\"k\",\"new_state\":{}}",
                "{\"object_key\":\"k\",\"new_state\":{\"a\":[300]}}", "{\"public\":\"yes\"}", "{\"idempotency_retention\":\"forever\"}",
                "{\"target\":\"invocation\",\"invocationId\":\"inv_1\"}", "{\"target\":\"workflow\"}", "{\"target\":42}",
                "{\"subscription\":\"x\"}", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "1e999999", "\"\\ud800\"");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new byte[0])),
                net.jqwik.api.Tuple.of(4, json.map(FuzzInputs::latin1)),
                net.jqwik.api.Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(5_000, 200_000).map(n -> "x".repeat(n).getBytes(StandardCharsets.US_ASCII))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("x".repeat(1_100_000).getBytes(StandardCharsets.US_ASCII)))); // over admin's 1 MiB
    }

    /** A long run of letters, cheap to generate (jqwik builds random strings a shrinkable character at a time). */
    private static Arbitrary<String> letters(int min, int max) {
        return Arbitraries.integers().between(min, max).map(n -> "k".repeat(n));
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
