package dev.resolute.storage.lmdb;

import dev.resolute.spi.storage.Keys;
import java.nio.ByteBuffer;

/** Copies between Java arrays and the direct buffers PROXY_OPTIMAL needs. */
final class Buffers {

    private Buffers() {
    }

    /** A direct buffer that fits any key. */
    static ByteBuffer keyBuffer() {
        return ByteBuffer.allocateDirect(Keys.MAX_SIZE);
    }

    /** Fills {@code buffer} with {@code key}, ready to pass to LMDB. */
    static ByteBuffer fill(ByteBuffer buffer, byte[] key) {
        buffer.clear();
        buffer.put(key).flip();
        return buffer;
    }

    /** Copies the bytes LMDB points at; the pointer is only valid inside the transaction. */
    static byte[] copy(ByteBuffer view) {
        byte[] out = new byte[view.remaining()];
        view.duplicate().get(out);
        return out;
    }

    /** {@link Keys#compare} of a key LMDB points at with an array, without copying it. */
    static int compare(ByteBuffer a, byte[] b) {
        int length = a.remaining();
        int base = a.position();
        int common = Math.min(length, b.length);
        for (int i = 0; i < common; i++) {
            int c = Byte.compareUnsigned(a.get(base + i), b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(length, b.length);
    }
}
