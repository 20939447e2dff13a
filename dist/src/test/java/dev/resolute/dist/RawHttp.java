package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a raw socket, for requests a client library refuses to send, each on a fresh connection (a pooled
 * one the server closed after an error would fail the next request for the client's reason, not the server's),
 * and the checks every error answer must pass: JSON in the listener's shape with a message.
 */
final class RawHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    /**
     * Sends {@code request} on a new connection, half-closes it (a body shorter than announced then ends at EOF
     * instead of waiting for the idle timeout) and returns everything the server sent until it closed.
     */
    static byte[] exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // the server answered and closed before reading everything: its answer is still there to read
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // a reset after the answer (a body left unread): what arrived before it counts
            }
            return answer.toByteArray();
        }
    }

    static Answer exchange(int port, String request) throws IOException {
        return Answer.parse(new String(exchange(port, request.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.UTF_8));
    }

    /** GET /health on a new connection answers 200. */
    static void assertHealthy(int port, String after) throws IOException {
        Answer health = exchange(port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(health.status()).as("/health on port " + port + " after " + after).isEqualTo(200);
    }

    static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    /** A final answer (interim 1xx answers skipped), its head and its body (de-chunked). */
    record Answer(int status, String head, String body) {
        static final Answer NONE = new Answer(0, "", "");

        static Answer parse(String raw) {
            while (raw.startsWith("HTTP/1.1 1")) { // 100 Continue before the answer
                raw = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            }
            int split = raw.indexOf("\r\n\r\n");
            if (raw.isEmpty()) {
                return NONE;
            }
            assertThat(split).as("a whole answer: " + raw).isPositive();
            String head = raw.substring(0, split);
            String body = raw.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
        }

        private static String dechunk(String chunked) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (true) {
                int eol = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
                if (size == 0) {
                    return out.toString();
                }
                out.append(chunked, eol + 2, eol + 2 + size); // sizes count bytes: the error bodies here are ASCII-escaped JSON
                at = eol + 2 + size + 2;
            }
        }

        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(l -> l.substring(prefix.length()).trim()).findFirst().orElse(null);
        }

        /**
         * An error body in the shape of {@code listener}'s clients: JSON with a non-empty {@code message}; the ingress
         * adds {@code code} (the status) and the {@code x-restate-error-source} header, the admin API {@code restate_code}.
         */
        void assertJsonError(String listener, String seen) throws IOException {
            assertThat(header("content-type")).as(seen).startsWith("application/json");
            JsonNode json = JSON.readTree(body);
            assertThat(json != null && json.isObject()).as(seen).isTrue();
            assertThat(json.path("message").asText()).as(seen).isNotBlank();
            switch (listener) {
                case "ingress" -> {
                    assertThat(json.path("code").asInt()).as(seen).isEqualTo(status);
                    assertThat(header("x-restate-error-source")).as(seen).isIn("ingress", "invocation");
                }
                case "admin" -> assertThat(json.has("restate_code")).as(seen).isTrue();
                default -> { }
            }
        }

        @Override
        public String toString() {
            return head.lines().findFirst().orElse("(no answer)") + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }
}
