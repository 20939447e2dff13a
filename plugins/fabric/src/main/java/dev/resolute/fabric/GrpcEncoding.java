package dev.resolute.fabric;

import io.airlift.compress.zstd.ZstdInputStream;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The {@code grpc-encoding} of a request's messages: how to undo the compression of a message whose flag byte is 1.
 * restatectl (tonic) zstd-compresses every request, the empty ones too; gRPC-Java clients may gzip. Responses are
 * never compressed, so which encodings a client accepts does not matter.
 */
enum GrpcEncoding {
    IDENTITY,
    GZIP,
    ZSTD;

    /** The encoding a {@code grpc-encoding} header names ({@code null} or absent: identity). */
    static GrpcEncoding of(String header) throws StatusException {
        if (header == null || header.isBlank()) {
            return IDENTITY;
        }
        return switch (header.trim().toLowerCase(Locale.ROOT)) {
            case "identity" -> IDENTITY;
            case "gzip" -> GZIP;
            case "zstd" -> ZSTD;
            default -> throw Status.UNIMPLEMENTED
                    .withDescription("grpc-encoding " + header.trim() + " is not supported; use identity, gzip or zstd")
                    .asException();
        };
    }

    /**
     * Decompresses one message, refusing one that would grow beyond {@code maxBytes} (a small compressed message can
     * expand without bound).
     */
    byte[] decompress(byte[] message, int maxBytes) throws StatusException {
        if (this == IDENTITY) {
            // a compressed flag without an encoding to undo it: the client speaks a compression we were not told of
            throw Status.UNIMPLEMENTED.withDescription("a compressed gRPC message needs a grpc-encoding header").asException();
        }
        try (InputStream in = open(new ByteArrayInputStream(message))) {
            byte[] plain = in.readNBytes(maxBytes + 1);
            if (plain.length > maxBytes) {
                throw Status.RESOURCE_EXHAUSTED.withDescription("a decompressed gRPC message exceeds " + maxBytes + " bytes").asException();
            }
            return plain;
        } catch (IOException | RuntimeException e) {
            // aircompressor reports a corrupt frame as an unchecked MalformedInputException
            throw Status.INTERNAL.withDescription("cannot decompress a " + name().toLowerCase(Locale.ROOT) + " gRPC message: " + e.getMessage())
                    .withCause(e).asException();
        }
    }

    private InputStream open(InputStream compressed) throws IOException {
        return this == GZIP ? new GZIPInputStream(compressed) : new ZstdInputStream(compressed);
    }
}
