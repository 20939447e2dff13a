package dev.resolute.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.ListenerStats;
import dev.resolute.spi.Transport;
import dev.resolute.tck.RawHttp;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kernel's own answers (503 without an endpoint, 404 where the endpoint declines) over a real HTTP/1.1 keep-alive connection. */
class KernelHttpHostTest {
    private final KernelHttpHost host = new KernelHttpHost(List.of(),
            Main.resolve(CommandLine.parse(), java.util.Map.of(), TestPlugins.catalog(TestPlugins.standard(new ArrayList<>(), false))).plan());

    @AfterEach
    void stop() throws Exception {
        host.stop();
    }

    @Test
    void a503WithAnUnreadBodyKeepsTheConnectionForTheNextRequest() throws Exception {
        int port = listen("admin"); // no endpoint mounted for admin
        String answers = twoRequestsOnOneConnection(port);
        assertThat(statusLines(answers)).containsExactly("HTTP/1.1 503 Service Unavailable", "HTTP/1.1 503 Service Unavailable");
        assertThat(answers).contains("{\"message\":\"no endpoint serves admin on this node\"}");
        assertThat(host.listenerStats()).extracting(ListenerStats::requests).containsExactly(2L);
    }

    @Test
    void a404WithAnUnreadBodyKeepsTheConnectionForTheNextRequest() throws Exception {
        host.mount("ingress", new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return false; // the endpoint serves nothing here: the kernel answers 404
            }
        });
        int port = listen("ingress");
        String answers = twoRequestsOnOneConnection(port);
        assertThat(statusLines(answers)).containsExactly("HTTP/1.1 404 Not Found", "HTTP/1.1 404 Not Found");
        assertThat(answers).contains("{\"message\":\"not found: /Nope/x\"}").contains("{\"message\":\"not found: /second\"}");
    }

    /** Binds an HTTP/1.1 connector for {@code service} on a free loopback port, as listener-tcp would, and starts accepting. */
    private int listen(String service) throws Exception {
        ServerConnector connector = new ServerConnector(host.server(), new HttpConnectionFactory());
        connector.setName(service + "-tcp");
        connector.setHost("127.0.0.1");
        host.server().addConnector(connector);
        connector.open();
        host.bound(new BoundAddress(service, Transport.TCP, "127.0.0.1:" + connector.getLocalPort()));
        host.accept();
        return connector.getLocalPort();
    }

    /**
     * A POST whose body comes only after the server has seen its headers (and could answer at once), then a
     * second request on the same connection; returns everything the server sent until it closed.
     */
    private static String twoRequestsOnOneConnection(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /Nope/x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            out.write("{\"a\":1}GET /second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return RawHttp.readUntilClosed(socket.getInputStream());
        }
    }

    private static List<String> statusLines(String answers) {
        List<String> lines = new ArrayList<>();
        Matcher status = Pattern.compile("HTTP/1\\.1 \\d{3} [^\\r]*").matcher(answers);
        while (status.find()) {
            lines.add(status.group());
        }
        return lines;
    }
}
