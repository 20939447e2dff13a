package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random requests against every listener of a running server (ingress, admin with its {@code /ui} and {@code /query},
 * fabric): paths with percent-escapes, {@code ..}, {@code %00}, non-UTF-8 and very long segments, any method, many,
 * huge and odd headers, contradicting Content-Length and Transfer-Encoding, random and oversized bodies, over raw
 * HTTP/1.1 sockets and over HTTP/2. No answer is a 5xx, every error is JSON in the listener's shape with a message,
 * and every listener answers /health with 200 after each request.
 */
class RequestFuzzIT {
    private static final List<String> LISTENERS = List.of("ingress", "admin", "fabric");
    private static Path dir;
    private static ServerProcess server;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("request-fuzz");
        server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, dir.resolve("server"),
                Map.of("RESTATE_INGRESS__REQUEST_SIZE_LIMIT", "4 KiB"), "--listen-mode", "tcp");
    }

    @AfterContainer
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        FuzzFiles.delete(dir);
    }

    @Property(tries = 1500)
    void noRawRequestIsA5xxOrANonJsonError(@ForAll("listeners") String listener, @ForAll("methods") String method,
                                          @ForAll("paths") String path, @ForAll("headers") List<String> headers,
                                          @ForAll("bodies") byte[] body, @ForAll("framings") Framing framing) throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: x\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(String.join("", headers).getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes((framing.headers(body.length) + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(framing.body(body));
        String seen = listener + " " + method + " " + brief(path) + " " + headers.size() + " headers, " + framing + " body of " + body.length;
        RawHttp.Answer answer = RawHttp.Answer.parse(new String(RawHttp.exchange(port(listener), request.toByteArray()), StandardCharsets.UTF_8));
        seen += " -> " + answer;
        Statistics.label("status").collect(answer.status() / 100 + "xx");
        if (answer != RawHttp.Answer.NONE || !framing.incomplete()) {
            assertThat(answer.status()).as(seen).isBetween(100, 499);
            if (answer.status() >= 400 && !method.equals("HEAD")) {
                answer.assertJsonError(path.startsWith("/ui") ? "ui" : listener, seen);
            }
        }
        assertAllHealthy(seen);
    }

    @Property(tries = 300)
    void noHttp2RequestIsA5xxOrANonJsonError(@ForAll("listeners") String listener, @ForAll("methods") String method,
                                             @ForAll("legalPaths") String path, @ForAll("legalHeaders") List<String> headers,
                                             @ForAll("bodies") byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(listener) + path)).timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : headers) {
            request.header(header.substring(0, header.indexOf(':')), header.substring(header.indexOf(':') + 1).trim());
        }
        // a client per request: a connection the server closed after one request must not fail the next for the client's reason
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> answer = h2.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Statistics.label("h2 status").collect(answer.version() + " " + answer.statusCode() / 100 + "xx");
        String seen = listener + " " + method + " " + brief(path) + " over " + answer.version() + " -> " + answer.statusCode() + " " + answer.body();
        assertThat(answer.statusCode()).as(seen).isLessThan(500);
        if (answer.statusCode() >= 400 && !method.equals("HEAD")) {
            RawHttp.Answer error = new RawHttp.Answer(answer.statusCode(), "HTTP/2 " + answer.statusCode() + "\r\n"
                    + String.join("\r\n", answer.headers().map().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().get(0)).toList()),
                    answer.body());
            error.assertJsonError(path.startsWith("/ui") ? "ui" : listener, seen);
        }
        assertAllHealthy(seen);
    }

    private static void assertAllHealthy(String after) throws Exception {
        for (String service : LISTENERS) {
            RawHttp.assertHealthy(port(service), after);
        }
    }

    private static int port(String listener) throws Exception {
        return RawHttp.port(server.url(listener));
    }

    private static String brief(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text;
    }

    @Provide
    Arbitrary<String> listeners() {
        return Arbitraries.of(LISTENERS);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.oneOf(Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "BREW"),
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> paths() {
        return FuzzInputs.pathSegments(true).list().ofMaxSize(6)
                .map(parts -> "/" + String.join("/", parts))
                .flatMap(path -> Arbitraries.of(path, "/ui" + path, "/ui/api" + path, "/query" + path, "/restate" + path, "/v2" + path));
    }

    @Provide
    Arbitrary<String> legalPaths() {
        return FuzzInputs.pathSegments(false).list().ofMaxSize(6)
                .map(parts -> "/" + String.join("/", parts))
                .flatMap(path -> Arbitraries.of(path, "/ui" + path, "/ui/api" + path, "/query", "/restate" + path, "/deployments" + path));
    }

    @Provide
    Arbitrary<List<String>> headers() {
        return FuzzInputs.headers(true);
    }

    @Provide
    Arbitrary<List<String>> legalHeaders() {
        return FuzzInputs.headers(false);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return FuzzInputs.bodies();
    }

    @Provide
    Arbitrary<Framing> framings() {
        return Combinators.combine(Arbitraries.of(Framing.Kind.values()), Arbitraries.integers().between(-5, 5))
                .as(Framing::new);
    }

    /** How the body is announced: honestly or not, by length, chunks, both or neither. */
    record Framing(Kind kind, int skew) {
        enum Kind { LENGTH, WRONG_LENGTH, NO_LENGTH, CHUNKED, CHUNKED_AND_LENGTH, BAD_CHUNKS, UNKNOWN_ENCODING, BAD_LENGTH, TWO_LENGTHS, EXPECT_CONTINUE }

        String headers(int length) {
            return switch (kind) {
                case LENGTH -> "Content-Length: " + length + "\r\n";
                case WRONG_LENGTH -> "Content-Length: " + Math.max(0, length + skew) + "\r\n";
                case NO_LENGTH -> "";
                case CHUNKED, BAD_CHUNKS -> "Transfer-Encoding: chunked\r\n";
                case CHUNKED_AND_LENGTH -> "Transfer-Encoding: chunked\r\nContent-Length: " + length + "\r\n";
                case UNKNOWN_ENCODING -> "Transfer-Encoding: gzip, identity\r\nContent-Length: " + length + "\r\n";
                case BAD_LENGTH -> "Content-Length: " + (skew < 0 ? "-1" : skew == 0 ? "abc" : "99999999999999999999") + "\r\n";
                case TWO_LENGTHS -> "Content-Length: " + length + "\r\nContent-Length: " + (length + 1) + "\r\n";
                case EXPECT_CONTINUE -> "Expect: 100-continue\r\nContent-Length: " + length + "\r\n";
            };
        }

        byte[] body(byte[] body) {
            return switch (kind) {
                case CHUNKED, CHUNKED_AND_LENGTH -> chunked(body, "0\r\n\r\n");
                case BAD_CHUNKS -> chunked(body, skew < 0 ? "zz\r\n" : skew == 0 ? "" : "5\r\nab");
                default -> body;
            };
        }

        /** The request may end before the server has all of it: then closing without an answer is fair. */
        boolean incomplete() {
            return kind == Kind.WRONG_LENGTH || kind == Kind.BAD_CHUNKS || kind == Kind.NO_LENGTH || kind == Kind.BAD_LENGTH;
        }

        private static byte[] chunked(byte[] body, String end) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (body.length > 0) {
                out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(body);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes(end.getBytes(StandardCharsets.ISO_8859_1));
            return out.toByteArray();
        }
    }
}
