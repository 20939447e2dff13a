package dev.resolute.ui;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Restate's optimistic version of an object's whole state (restate-protocol.md §4.5), the one {@code restate state
 * edit} and the admin API's {@code POST /services/{name}/state} check: SHA-256 over the entries in key order (keys
 * compared as bytes, as storage orders them), each framed as its index (8 bytes big-endian), 0x01, the key, 0x02, the
 * value, 0x03; base64url without padding.
 */
final class StateVersion {
    private StateVersion() {
    }

    static String of(Map<String, byte[]> state) {
        byte[][] keys = state.keySet().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).sorted(Arrays::compareUnsigned).toArray(byte[][]::new);
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        long index = 0;
        for (byte[] key : keys) {
            framed.writeBytes(ByteBuffer.allocate(8).putLong(index++).array());
            framed.write(0x01);
            framed.writeBytes(key);
            framed.write(0x02);
            framed.writeBytes(state.get(new String(key, StandardCharsets.UTF_8)));
            framed.write(0x03);
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(framed.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
