package dev.resolute.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolute.spi.schema.RequestIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restate's request identity v1 (reference §6): an Ed25519 private key from a PKCS#8 PEM file signs a
 * short-lived JWT per request ({@code alg=EdDSA}, {@code kid} = the {@code publickeyv1_…} key id, audience
 * = the request path). The JWT is three base64url parts, small enough to write here instead of pulling
 * a JOSE library into the plugin for one algorithm.
 */
final class RequestSigner implements RequestIdentity {
    static final String KEY_FILE = "worker.invoker.request-identity-private-key-pem-file";
    /** Restate before 1.7 read the key at the top level; still honoured, with a warning. */
    static final String DEPRECATED_KEY_FILE = "request-identity-private-key-pem-file";
    static final String EXPIRATION = "worker.invoker.request-identity-expiration";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final String HOW_TO_MAKE_ONE = "; expected exactly one Ed25519 private key in PKCS#8 PEM"
            + " (openssl genpkey -algorithm ed25519 -out key.pem)";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String keyId;
    private final String encodedHeader;
    private final Duration leeway;
    private final Clock clock;

    private RequestSigner(PrivateKey key, String keyId, Duration leeway, Clock clock) {
        this.key = key;
        this.keyId = keyId;
        this.leeway = leeway;
        this.clock = clock;
        this.encodedHeader = encode(Map.of("typ", "JWT", "alg", "EdDSA", "kid", keyId));
    }

    /**
     * Loads the key of {@value #KEY_FILE}.
     *
     * @param setting how the file was configured, to begin an error with: the key, the value and where it came
     *                from ({@code worker.invoker.request-identity-private-key-pem-file = "k.pem" (restate.toml:3)})
     * @param leeway  how long before and after now a JWT is valid ({@value #EXPIRATION})
     * @throws IllegalArgumentException beginning with {@code setting}, saying what is wrong with the file
     */
    static RequestSigner load(Path file, String setting, Duration leeway, Clock clock) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw problem(setting, "no such file");
        } catch (IOException e) {
            throw problem(setting, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        Matcher blocks = PEM.matcher(text);
        if (!blocks.find()) {
            throw problem(setting, "no PEM block (-----BEGIN PRIVATE KEY-----) in the file" + HOW_TO_MAKE_ONE);
        }
        String label = blocks.group(1);
        String body = blocks.group(2).replaceAll("\\s", "");
        if (blocks.find()) {
            throw problem(setting, "more than one PEM block in the file" + HOW_TO_MAKE_ONE);
        }
        if (!label.equals("PRIVATE KEY")) {
            throw problem(setting, "holds a PEM block of type \"" + label + "\"" + HOW_TO_MAKE_ONE);
        }
        try {
            byte[] der = Base64.getDecoder().decode(body);
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow(() -> new GeneralSecurityException("no key bytes"));
            return new RequestSigner(key, "publickeyv1_" + Base58.encode(rawPublicKey(key, seed)), leeway, clock);
        } catch (IllegalArgumentException e) {
            throw problem(setting, "the PEM block is not valid base64" + HOW_TO_MAKE_ONE);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw problem(setting, "the PEM block is not an Ed25519 private key (" + e.getMessage() + ")" + HOW_TO_MAKE_ONE);
        }
    }

    /** The key id SDKs are configured with ({@code withIdentityV1}): {@code publickeyv1_} + Base58 of the raw public key. */
    String keyId() {
        return keyId;
    }

    @Override
    public Map<String, String> headers(String path, Optional<String> subject) {
        return Map.of("x-restate-signature-scheme", "v1", "x-restate-jwt-v1", jwt(path, subject));
    }

    String jwt(String audience, Optional<String> subject) {
        long now = clock.millis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("exp", now + leeway.toSeconds());
        claims.put("iat", now);
        claims.put("nbf", now - leeway.toSeconds());
        subject.ifPresent(s -> claims.put("sub", s));
        String signed = encodedHeader + "." + encode(claims);
        return signed + "." + BASE64URL.encodeToString(sign(key, signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The JDK derives an Ed25519 public key only while generating a pair, from 32 random bytes: fed the
     * private key's own bytes as its randomness, it derives that key's public key. The signature check
     * below proves the derivation rather than trusting how the generator draws its bytes.
     */
    private static byte[] rawPublicKey(PrivateKey key, byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        PublicKey publicKey = generator.generateKeyPair().getPublic();
        byte[] probe = "resolute request identity".getBytes(StandardCharsets.US_ASCII);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(sign(key, probe))) {
            throw new GeneralSecurityException("could not derive the public key");
        }
        byte[] spki = publicKey.getEncoded(); // X.509 SubjectPublicKeyInfo: a fixed 12-byte prefix, then the 32-byte key
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    private static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e); // the key was checked when loaded
        }
    }

    private static String encode(Map<String, ?> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // strings and numbers always serialize
        }
    }

    private static IllegalArgumentException problem(String setting, String what) {
        return new IllegalArgumentException(setting + ": " + what);
    }
}
