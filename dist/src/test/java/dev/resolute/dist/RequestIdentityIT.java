package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request identity (reference §6) against the TypeScript SDK's own verifier: services configured with
 * {@code withIdentityV1(key id)} accept discovery and invocations from a server holding the private key,
 * over h2c bidi and HTTP/1.1, and refuse them from the same server started without it.
 */
class RequestIdentityIT {
    private static final String KEY_ENV = "RESTATE_WORKER__INVOKER__REQUEST_IDENTITY_PRIVATE_KEY_PEM_FILE";

    @TempDir
    Path tmp;

    @Test
    void signedRequestsAreAcceptedAndUnsignedOnesRefusedBySdkServices() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = Files.writeString(tmp.resolve("identity.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        String keyId = keyId(pair);
        Path data = tmp.resolve("server");
        try (SdkServices bidi = SdkServices.typescript(false, tmp.resolve("bidi.log"), "--identity=" + keyId);
             SdkServices http1 = SdkServices.typescript(true, tmp.resolve("http1.log"), "--identity=" + keyId)) {
            try (ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, data, Map.of(KEY_ENV, pem.toString()),
                    "--listen-mode", "tcp")) {
                assertThat(server.errors()).contains("requests to deployments are signed (request identity v1) with key " + keyId);
                String ingress = server.url("ingress");
                assertRegistered(register(server, bidi, ""));
                assertThat(Http.post(ingress + "/Tally/signed/add", "1").body()).isEqualTo("1"); // keyed: the JWT carries sub
                assertThat(Http.post(ingress + "/Flow/steps", "\"b\"").body()).isEqualTo("\"b:123\"");
                // a newer deployment of the same services over HTTP/1.1 request/response serves the next calls
                assertRegistered(register(server, http1, ",\"use_http_11\":true"));
                assertThat(Http.post(ingress + "/Tally/signed/add", "2").body()).isEqualTo("3");
                assertThat(Http.post(ingress + "/Flow/steps", "\"h\"").body()).isEqualTo("\"h:123\"");
                assertThat(Files.readString(tmp.resolve("http1.log.node.log"))).doesNotContain("JWT did not validate");
            }

            try (ServerProcess unsigned = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, data, Map.of(), "--listen-mode", "tcp")) {
                assertThat(unsigned.errors()).doesNotContain("request identity v1");
                // invocation: the SDK answers 401 and the attempt fails with that, retried until the key is back
                assertThat(Http.post(unsigned.url("ingress") + "/Flow/noop/send", null).statusCode()).isEqualTo(202);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!unsigned.errors().contains("the service answered HTTP 401") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(unsigned.errors()).contains("Flow/noop) attempt").contains("the service answered HTTP 401 (it refused the request identity");
                // discovery: registering again fails with the SDK's answer
                HttpResponse<String> refused = register(unsigned, bidi, ",\"force\":true");
                assertThat(refused.statusCode()).isEqualTo(400); // the deployment's answer, not our fault
                assertThat(refused.body()).contains("got status code '401' from " + bidi.uri() + "/discover").contains("Unauthorized");
                assertThat(Files.readString(tmp.resolve("bidi.log.node.log"))).contains("Rejecting request as its JWT did not validate");
            }
        }
    }

    @Test
    void aMissingOrMalformedKeyFileIsAConfigErrorNamingTheFile() throws Exception {
        Path missing = tmp.resolve("missing.pem");
        try (ServerProcess server = ServerProcess.start(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("missing"), Map.of(KEY_ENV, missing.toString()),
                "--use-random-ports", "--no-logo", "--base-dir", tmp.resolve("missing/data").toString())) {
            assertThat(server.awaitExit()).isEqualTo(2);
            assertThat(server.errors()).contains("plugin schema: worker.invoker.request-identity-private-key-pem-file = \""
                    + missing + "\" (env " + KEY_ENV + "): no such file");
        }
        // the pre-1.7 top-level key is still read, with a warning
        try (ServerProcess server = ServerProcess.start(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("old"),
                Map.of("RESTATE_REQUEST_IDENTITY_PRIVATE_KEY_PEM_FILE", missing.toString()),
                "--use-random-ports", "--no-logo", "--base-dir", tmp.resolve("old/data").toString())) {
            assertThat(server.awaitExit()).isEqualTo(2);
            assertThat(server.errors()).contains("request-identity-private-key-pem-file (env RESTATE_REQUEST_IDENTITY_PRIVATE_KEY_PEM_FILE)"
                    + " is deprecated: set worker.invoker.request-identity-private-key-pem-file instead")
                    .contains("plugin schema: request-identity-private-key-pem-file = \"" + missing
                            + "\" (env RESTATE_REQUEST_IDENTITY_PRIVATE_KEY_PEM_FILE): no such file");
        }
        Path rsa = Files.writeString(tmp.resolve("rsa.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        try (ServerProcess server = ServerProcess.start(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("rsa"), Map.of(KEY_ENV, rsa.toString()),
                "--use-random-ports", "--no-logo", "--base-dir", tmp.resolve("rsa/data").toString())) {
            assertThat(server.awaitExit()).isEqualTo(2);
            assertThat(server.errors()).contains("plugin schema: worker.invoker.request-identity-private-key-pem-file = \""
                    + rsa + "\" (env " + KEY_ENV + "): the PEM block is not an Ed25519 private key (");
        }
    }

    /** Registers {@code services}; {@code options} are more fields of the request ({@code ,"force":true}). */
    private static HttpResponse<String> register(ServerProcess server, SdkServices services, String options) throws Exception {
        return Http.post(server.url("admin") + "/deployments", "{\"uri\":\"" + services.uri() + "\"" + options + "}");
    }

    private static void assertRegistered(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** {@code publickeyv1_} + Base58 (Bitcoin alphabet) of the raw 32-byte public key, the last bytes of its X.509 form. */
    private static String keyId(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder out = new StringBuilder();
        for (BigInteger n = new BigInteger(1, raw); n.signum() > 0; n = n.divide(BigInteger.valueOf(58))) {
            out.insert(0, alphabet.charAt(n.mod(BigInteger.valueOf(58)).intValue()));
        }
        for (int i = 0; i < raw.length && raw[i] == 0; i++) {
            out.insert(0, '1');
        }
        return "publickeyv1_" + out;
    }
}
