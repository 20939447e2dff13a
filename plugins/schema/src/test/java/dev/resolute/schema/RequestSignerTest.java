package dev.resolute.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestSignerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L, 700_000_000), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** RFC 8032 §7.1 test 1: its secret key as PKCS#8, and the public key the RFC derives from it. */
    @Test
    void keyIdIsBase58OfTheRawPublicKeyOfTheRfc8032Vector() throws Exception {
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420"
                + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        RequestSigner signer = RequestSigner.load(pem(pkcs8), "k", Duration.ofMinutes(1), CLOCK);
        assertThat(signer.keyId()).isEqualTo("publickeyv1_FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z");
    }

    @Test
    void aJwtVerifiesWithThePublicKeyAndCarriesTheClaimsOfSection6() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        RequestSigner signer = RequestSigner.load(pem(pair.getPrivate().getEncoded()), "k", Duration.ofSeconds(90), CLOCK);
        byte[] spki = pair.getPublic().getEncoded();
        assertThat(signer.keyId()).isEqualTo("publickeyv1_" + Base58.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));

        Map<String, String> headers = signer.headers("/invoke/Counter/add", Optional.of("a/b ü"));
        assertThat(headers).containsEntry("x-restate-signature-scheme", "v1").containsOnlyKeys("x-restate-signature-scheme", "x-restate-jwt-v1");
        String[] parts = headers.get("x-restate-jwt-v1").split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(verifies(pair.getPublic(), parts)).isTrue();

        JsonNode header = decode(parts[0]);
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("alg").asText()).isEqualTo("EdDSA");
        assertThat(header.get("kid").asText()).isEqualTo(signer.keyId());
        JsonNode claims = decode(parts[1]);
        assertThat(claims.get("aud").asText()).isEqualTo("/invoke/Counter/add");
        assertThat(claims.get("sub").asText()).isEqualTo("a/b ü");
        assertThat(claims.get("iat").asLong()).isEqualTo(1_800_000_000L);
        assertThat(claims.get("nbf").asLong()).isEqualTo(1_800_000_000L - 90);
        assertThat(claims.get("exp").asLong()).isEqualTo(1_800_000_000L + 90);

        String[] discovery = signer.headers("/discover", Optional.empty()).get("x-restate-jwt-v1").split("\\.");
        assertThat(decode(discovery[1]).has("sub")).isFalse();
        assertThat(decode(discovery[1]).get("aud").asText()).isEqualTo("/discover");

        String[] tampered = {parts[0], Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"aud\":\"/invoke/Counter/reset\"}".getBytes(StandardCharsets.UTF_8)), parts[2]};
        assertThat(verifies(pair.getPublic(), tampered)).isFalse();
        assertThat(verifies(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic(), parts)).isFalse();
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> RequestSigner.load(missing, setting(missing), Duration.ofMinutes(1), CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("worker.invoker.request-identity-private-key-pem-file = \"" + missing + "\" (test): no such file");
    }

    @Test
    void aFileWithoutPemSaysWhatItExpected() throws Exception {
        Path file = Files.writeString(dir.resolve("key.pem"), "not a key\n");
        assertThatThrownBy(() -> RequestSigner.load(file, setting(file), Duration.ofMinutes(1), CLOCK))
                .hasMessage("worker.invoker.request-identity-private-key-pem-file = \"" + file + "\" (test): no PEM block"
                        + " (-----BEGIN PRIVATE KEY-----) in the file; expected exactly one Ed25519 private key in PKCS#8 PEM"
                        + " (openssl genpkey -algorithm ed25519 -out key.pem)");
    }

    @Test
    void malformedPemBlocksAreRefusedWithTheirProblem() throws Exception {
        byte[] ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        assertThat(problem(block("EC PRIVATE KEY", ed25519))).contains(": holds a PEM block of type \"EC PRIVATE KEY\"; expected exactly one Ed25519");
        assertThat(problem(block("PRIVATE KEY", ed25519) + block("PRIVATE KEY", ed25519))).contains(": more than one PEM block in the file;");
        assertThat(problem("-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----\n")).contains(": the PEM block is not valid base64;");
        byte[] rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded();
        assertThat(problem(block("PRIVATE KEY", rsa))).contains(": the PEM block is not an Ed25519 private key (");
        assertThat(problem(block("PRIVATE KEY", Arrays.copyOf(ed25519, 20)))).contains(": the PEM block is not an Ed25519 private key (");
    }

    private String problem(String content) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "key", ".pem"), content);
        try {
            RequestSigner.load(file, setting(file), Duration.ofMinutes(1), CLOCK);
            throw new AssertionError("loaded " + content);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("worker.invoker.request-identity-private-key-pem-file = \"" + file + "\" (test): ");
            return e.getMessage();
        }
    }

    /** What the plugin passes: the key, the value and its origin. */
    private static String setting(Path file) {
        return RequestSigner.KEY_FILE + " = \"" + file + "\" (test)";
    }

    private Path pem(byte[] pkcs8) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "key", ".pem"), block("PRIVATE KEY", pkcs8));
    }

    private static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static boolean verifies(PublicKey key, String[] parts) throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static JsonNode decode(String part) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }
}
