package dev.resolute.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.schema.SchemaException;
import dev.resolute.spi.schema.SchemaException.Kind;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
    private final Discovery discovery = new Discovery(Duration.ofMillis(700), "c");

    @BeforeEach
    void start() throws Exception {
        discovery.start();
    }

    @AfterEach
    void stop() throws Exception {
        discovery.stop();
    }

    @Test
    void anEndpointThatAcceptsButNeverAnswersTimesOutWithinTheDeadline() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // hold the connection open, say nothing
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long started = System.nanoTime();
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/");
            assertThatThrownBy(() -> discovery.discover(uri, Map.of(), true))
                    .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                    .hasMessageContaining("could not be reached: no answer within 700ms (1 attempt)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
