package dev.resolute.fabric;

import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The two pieces of gRPC's HTTP/2 wire format the bridge writes itself: length-prefixed messages
 * and the percent-encoded {@code grpc-message} trailer.
 */
final class GrpcWire {

    /** One flag byte (1 = compressed) and a 4-byte big-endian length precede every message. */
    private static final int PREFIX = 5;

    private GrpcWire() {
    }

    static ByteBuffer frame(byte[] message) {
        return ByteBuffer.allocate(PREFIX + message.length).put((byte) 0).putInt(message.length).put(message).flip();
    }

    /** Splits a whole request body of uncompressed messages into its messages. */
    static List<byte[]> messages(byte[] body) throws StatusException {
        return messages(body, GrpcEncoding.IDENTITY, Integer.MAX_VALUE);
    }

    /** Splits a whole request body into its messages, decompressing those flagged compressed with {@code encoding}. */
    static List<byte[]> messages(byte[] body, GrpcEncoding encoding, int maxMessageBytes) throws StatusException {
        ByteBuffer in = ByteBuffer.wrap(body);
        List<byte[]> messages = new ArrayList<>();
        while (in.hasRemaining()) {
            if (in.remaining() < PREFIX) {
                throw Status.INTERNAL.withDescription("truncated gRPC message prefix").asException();
            }
            byte flag = in.get();
            int length = in.getInt();
            if ((flag != 0 && flag != 1) || length < 0 || length > in.remaining()) {
                throw Status.INTERNAL.withDescription("malformed gRPC message").asException();
            }
            byte[] message = new byte[length];
            in.get(message);
            messages.add(flag == 1 ? encoding.decompress(message, maxMessageBytes) : message);
        }
        return messages;
    }

    /** Percent-encodes UTF-8 bytes outside printable ASCII, and '%', as the gRPC spec asks of {@code grpc-message}. */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (b >= ' ' && b <= '~' && b != '%') {
                out.append((char) b);
            } else {
                out.append(String.format("%%%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
