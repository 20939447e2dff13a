package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Jetty refuses before any handler runs is a JSON error in each listener's shape, with a message that
 * says what was wrong, over raw sockets (a client library would refuse to send most of these); after each the
 * server still serves.
 */
class JsonErrorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LISTENERS = List.of("ingress", "admin", "fabric");

    @TempDir
    static Path tmp;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"),
                Map.of("RESTATE_INGRESS__REQUEST_SIZE_LIMIT", "1 KiB"), "--listen-mode", "tcp");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twentyThousandHeadersAre431() throws Exception {
        String headers = "X-Many: header\r\n".repeat(20_000);
        for (String listener : LISTENERS) {
            Answer answer = send(listener, "GET /health HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n");
            answer.assertError(listener, 431, "request headers too large");
        }
    }

    @Test
    void aOneMebibyteObjectKeyIs414() throws Exception {
        String key = "k".repeat(1024 * 1024);
        for (String listener : LISTENERS) {
            Answer answer = send(listener, "POST /Counter/" + key + "/get HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            answer.assertError(listener, 414, "request URI too long");
        }
    }

    @Test
    void badPercentEncodingNulDotDotAndNonUtf8AreJsonErrors() throws Exception {
        for (String path : List.of("/Counter/a%/get", "/Counter/a%zz/get", "/Counter/a%00b/get", "/../../etc/passwd",
                "/Counter/..%2F..%2F..%2Fx/get", "/Counter/%C3%28%FF/get", "/Counter/%ff%fe/get")) {
            for (String listener : LISTENERS) {
                Answer answer = send(listener, "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                assertThat(answer.status()).as(listener + " " + path + ": " + answer).isBetween(400, 499);
                answer.assertShape(listener);
            }
        }
    }

    @Test
    void aBodyOverTheIngressLimitIs413() throws Exception {
        String body = "\"" + "x".repeat(4000) + "\"";
        Answer answer = send("ingress", "POST /restate/awakeables/sign_1abc/resolve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        answer.assertError("ingress", 413, "over ingress.request-size-limit");
    }

    @Test
    void aMethodARouteDoesNotTakeIs405OnEveryListener() throws Exception {
        Map<String, String> requests = Map.of("ingress", "GET /restate/awakeables/sign_1abc/resolve", "admin", "DELETE /health",
                "fabric", "POST /health");
        for (String listener : LISTENERS) {
            Answer answer = send(listener, requests.get(listener) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).as(listener + ": " + answer).isEqualTo(405);
            answer.assertShape(listener);
        }
    }

    @Test
    void aBodyOverTheAdminLimitIs413() throws Exception {
        String body = "{\"uri\":\"" + "x".repeat(1024 * 1024) + "\"}";
        Answer answer = send("admin", "POST /deployments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        answer.assertError("admin", 413, "The request body is larger than 1048576 bytes");
    }

    @Test
    void anUnknownMethodIsAJsonError() throws Exception {
        for (String listener : LISTENERS) {
            Answer answer = send(listener, "BREW /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).as(listener + ": " + answer).isIn(400, 404, 405);
            answer.assertShape(listener);
        }
    }

    private static Answer send(String listener, String request) throws Exception {
        String url = server.url(listener);
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        String raw;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server answered and closed before reading everything: its answer is still there to read
            }
            raw = readUntilClosed(socket);
        }
        // the server is still up and serving on that listener
        assertThat(ServerProcess.get(url + "/health").statusCode()).as(listener + " health after " + raw).isEqualTo(200);
        return Answer.parse(raw);
    }

    /** Everything the server sent until it closed; a reset after an answer (a body left unread) ends it too. */
    private static String readUntilClosed(Socket socket) throws java.io.IOException {
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                answer.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // what arrived before the reset counts
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private record Answer(int status, String head, String body) {
        static Answer parse(String raw) {
            int split = raw.indexOf("\r\n\r\n");
            assertThat(split).as("a whole answer: " + raw).isPositive();
            String head = raw.substring(0, split);
            String body = raw.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
        }

        void assertError(String listener, int expected, String message) throws Exception {
            assertThat(status).as(listener + ": " + this).isEqualTo(expected);
            assertShape(listener);
            assertThat(JSON.readTree(body).get("message").asText()).as(listener).contains(message);
        }

        void assertShape(String listener) throws Exception {
            assertThat(head.toLowerCase()).as(listener + ": " + this).contains("content-type: application/json");
            JsonNode json = JSON.readTree(body);
            assertThat(json.get("message").isTextual()).as(listener + ": " + this).isTrue();
            switch (listener) {
                case "ingress" -> {
                    assertThat(json.get("code").asInt()).as(this.toString()).isEqualTo(status);
                    assertThat(head.toLowerCase()).contains("x-restate-error-source: ");
                }
                case "admin" -> assertThat(json.has("restate_code")).as(this.toString()).isTrue();
                default -> assertThat(json.size()).as(this.toString()).isEqualTo(1);
            }
        }

        @Override
        public String toString() {
            return head.lines().findFirst().orElse("") + " " + body;
        }
    }
}
