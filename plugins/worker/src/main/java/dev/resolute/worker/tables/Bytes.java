package dev.resolute.worker.tables;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The fixed-width and length-prefixed encodings the tables' keys are built from. */
final class Bytes {
    static final byte[] EMPTY = new byte[0];

    private Bytes() {
    }

    static byte[] u16(int value) {
        return ByteBuffer.allocate(2).putShort((short) value).array();
    }

    static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    static int u32(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getInt();
    }

    static byte[] u64(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    static long u64(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    static long u64(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset, 8).getLong();
    }

    static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    static byte[] tail(byte[] bytes, int from) {
        return java.util.Arrays.copyOfRange(bytes, from, bytes.length);
    }
}
