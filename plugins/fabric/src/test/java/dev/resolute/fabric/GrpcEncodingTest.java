package dev.resolute.fabric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdOutputStream;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class GrpcEncodingTest {

    /** What libzstd (the zstd CLI, as restatectl's zstd crate) writes for an empty message: GetIdent's request. */
    private static final byte[] LIBZSTD_EMPTY = HexFormat.of().parseHex("28b52ffd240001000099e9d851");
    /** libzstd's streaming frame, without a content size, for "hello restatectl hello restatectl hello". */
    private static final byte[] LIBZSTD_STREAMED = HexFormat.of().parseHex("28b52ffd0458bd00008868656c6c6f207265737461746563746c20010049994b16b04aea");

    @Example
    void libzstdFramesDecode() throws StatusException {
        assertArrayEquals(new byte[0], GrpcEncoding.ZSTD.decompress(LIBZSTD_EMPTY, 100));
        assertEquals("hello restatectl hello restatectl hello",
                new String(GrpcEncoding.ZSTD.decompress(LIBZSTD_STREAMED, 100), StandardCharsets.UTF_8));
    }

    @Property
    void zstdMessagesInABodyDecompress(@ForAll @Size(max = 4) List<@Size(max = 2000) byte[]> messages) throws Exception {
        assertDecodes(GrpcEncoding.ZSTD, messages, ZstdOutputStream::new);
    }

    @Property
    void gzipMessagesInABodyDecompress(@ForAll @Size(max = 4) List<@Size(max = 2000) byte[]> messages) throws Exception {
        assertDecodes(GrpcEncoding.GZIP, messages, GZIPOutputStream::new);
    }

    @Example
    void headersNameTheEncodingCaseInsensitively() throws StatusException {
        assertEquals(GrpcEncoding.IDENTITY, GrpcEncoding.of(null));
        assertEquals(GrpcEncoding.IDENTITY, GrpcEncoding.of("identity"));
        assertEquals(GrpcEncoding.GZIP, GrpcEncoding.of("gzip"));
        assertEquals(GrpcEncoding.ZSTD, GrpcEncoding.of("Zstd"));
    }

    @Example
    void anUnknownEncodingIsUnimplementedAndNamed() {
        StatusException e = assertThrows(StatusException.class, () -> GrpcEncoding.of("snappy"));

        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("snappy"), e.getStatus().getDescription());
    }

    @Example
    void aMessageThatDecompressesBeyondTheLimitIsRefused() throws Exception {
        byte[] bomb = compress(new byte[100_000], ZstdOutputStream::new);

        StatusException e = assertThrows(StatusException.class, () -> GrpcEncoding.ZSTD.decompress(bomb, 99_999));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    }

    @Example
    void aCorruptMessageIsInternal() {
        StatusException zstd = assertThrows(StatusException.class, () -> GrpcEncoding.ZSTD.decompress(new byte[] {1, 2, 3, 4, 5, 6}, 100));
        StatusException gzip = assertThrows(StatusException.class, () -> GrpcEncoding.GZIP.decompress(new byte[] {1, 2, 3}, 100));

        assertEquals(Status.Code.INTERNAL, zstd.getStatus().getCode());
        assertEquals(Status.Code.INTERNAL, gzip.getStatus().getCode());
    }

    private interface Compressing {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static void assertDecodes(GrpcEncoding encoding, List<byte[]> messages, Compressing compressing) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            byte[] compressed = compress(message, compressing);
            body.writeBytes(ByteBuffer.allocate(5 + compressed.length).put((byte) 1).putInt(compressed.length).put(compressed).array());
        }
        List<byte[]> decoded = GrpcWire.messages(body.toByteArray(), encoding, 4096);

        assertEquals(messages.size(), decoded.size());
        for (int i = 0; i < messages.size(); i++) {
            assertArrayEquals(messages.get(i), decoded.get(i));
        }
    }

    private static byte[] compress(byte[] message, Compressing compressing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressed = compressing.wrap(out)) {
            compressed.write(message);
        }
        return out.toByteArray();
    }
}
