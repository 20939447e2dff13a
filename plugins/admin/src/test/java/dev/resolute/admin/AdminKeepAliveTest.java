package dev.resolute.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.tck.RawHttp;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error answered before the body is read (405 on PUT, 404) leaves the HTTP/1.1 connection open for the
 * client's next request: the host's plumbing reads the body the admin handler left (AdminApiTest once flaked
 * on a PATCH after a PUT).
 */
class AdminKeepAliveTest {
    @TempDir
    Path dir;

    @Test
    void errorsAnsweredBeforeTheBodyKeepTheConnection() throws Exception {
        try (AdminNode node = AdminNode.start(dir)) {
            // warm up, so the handler answers well before the body below arrives
            AdminClient warm = new AdminClient(node.url());
            for (int i = 0; i < 3; i++) {
                assertThat(warm.send("PUT", "/deployments", "{}").status()).isEqualTo(405);
                assertThat(warm.send("PATCH", "/nope", "{}").status()).isEqualTo(404);
            }
            assertThat(sendDelayedBodyThenMore(node.url().getPort()))
                    .startsWith("HTTP/1.1 405").contains("{\"message\":\"Method not allowed here; allowed: GET, POST\",\"restate_code\":null}")
                    .contains("HTTP/1.1 404").contains("{\"message\":\"There is no admin API route PATCH /nope\",\"restate_code\":null}")
                    .contains("HTTP/1.1 200");
        }
    }

    private static String sendDelayedBodyThenMore(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // the body comes after the server has seen the headers (and answered), then two more requests
            out.write("PUT /deployments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            out.write(("{}PATCH /nope HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
                    + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return RawHttp.readUntilClosed(socket.getInputStream());
        }
    }
}
