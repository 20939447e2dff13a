package dev.resolute.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.spi.schema.SchemaException;
import dev.resolute.spi.schema.SchemaException.Kind;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
    private final Discovery discovery = new Discovery(Duration.ofMillis(700), "c", RequestIdentity.NONE);

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

    @Test
    void discoveryCarriesTheRequestIdentityWithTheDiscoverPathAsAudience(@TempDir Path dir) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Discovery signed = new Discovery(Duration.ofSeconds(5), "c", RequestSigner.load(pem, "k", Duration.ofMinutes(1), Clock.systemUTC()));
        signed.start();
        try (ManifestServer endpoint = new ManifestServer().manifest(ManifestServer.manifestOf(ManifestServer.service("S", "SERVICE", "h")))) {
            signed.discover(URI.create(endpoint.url() + "/mounted/here/"), Map.of(), false);
            discovery.discover(URI.create(endpoint.url() + "/"), Map.of(), false);
            ManifestServer.Seen first = endpoint.seen().get(0);
            assertThat(first.path()).isEqualTo("/mounted/here/discover");
            assertThat(first.headers().get("x-restate-signature-scheme")).isEqualTo("v1");
            String[] jwt = first.headers().get("x-restate-jwt-v1").split("\\.");
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pair.getPublic());
            verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(verifier.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
            assertThat(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8)).contains("\"aud\":\"/discover\"");
            // without a key no identity header at all (§6)
            assertThat(endpoint.seen().get(1).headers().getFieldNamesCollection())
                    .doesNotContain("x-restate-signature-scheme", "x-restate-jwt-v1");
        } finally {
            signed.stop();
        }
    }

    @Test
    void aManifestOverTheLimitIsABadManifestAndNotRetried() throws Exception {
        String huge = "{\"documentation\":\"" + "d".repeat(Discovery.MAX_MANIFEST_BYTES) + "\"}";
        Discovery patient = new Discovery(Duration.ofSeconds(20), "c", RequestIdentity.NONE);
        patient.start();
        try (ManifestServer endpoint = new ManifestServer().answer(200, Map.of("content-type", ManifestServer.V4), huge)) {
            URI uri = URI.create(endpoint.url() + "/");
            assertThatThrownBy(() -> patient.discover(uri, Map.of(), true))
                    .isInstanceOfSatisfying(SchemaException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.BAD_MANIFEST);
                        assertThat(e.restateCode()).contains("META0013");
                    })
                    .hasMessage("the endpoint's manifest at " + endpoint.url() + "/discover is larger than 32 MiB, the most the server reads");
            assertThat(endpoint.seen()).as("an answer too large is not retried").hasSize(1);
        } finally {
            patient.stop();
        }
    }

    @Test
    void aBare401IsReportedWithItsStatusAndBody() throws Exception {
        try (ManifestServer endpoint = new ManifestServer().answer(401, Map.of(), "Unauthorized")) {
            URI uri = URI.create(endpoint.url() + "/");
            assertThatThrownBy(() -> discovery.discover(uri, Map.of(), false))
                    .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                    .hasMessage("got status code '401' from " + endpoint.url() + "/discover. Body: Unauthorized");
            assertThat(endpoint.seen()).hasSize(1); // not transient: no retry
        }
    }
}
