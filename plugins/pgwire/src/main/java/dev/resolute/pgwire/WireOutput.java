package dev.resolute.pgwire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.FutureCallback;

/**
 * Builds backend messages into one growing buffer and writes it to the {@link EndPoint} on {@link #flush()}, or
 * earlier once it holds enough for a network write: a large result streams instead of piling up.
 */
final class WireOutput {
    private static final int FLUSH_AT = 32 * 1024;

    private final EndPoint endPoint;
    private ByteBuffer buffer = ByteBuffer.allocate(FLUSH_AT * 2);
    private int messageStart = -1;
    private volatile boolean writing;

    WireOutput(EndPoint endPoint) {
        this.endPoint = endPoint;
    }

    /** Whether a write is waiting for the client to read: a write stalled that long is the client's failure. */
    boolean writing() {
        return writing;
    }

    WireOutput begin(char type) {
        ensure(5);
        buffer.put((byte) type);
        messageStart = buffer.position();
        buffer.putInt(0);
        return this;
    }

    WireOutput int8(int value) {
        ensure(1);
        buffer.put((byte) value);
        return this;
    }

    WireOutput int16(int value) {
        ensure(2);
        buffer.putShort((short) value);
        return this;
    }

    WireOutput int32(int value) {
        ensure(4);
        buffer.putInt(value);
        return this;
    }

    WireOutput bytes(byte[] value) {
        ensure(value.length);
        buffer.put(value);
        return this;
    }

    /** A NUL-terminated UTF-8 string. */
    WireOutput cstring(String value) {
        bytes(value.getBytes(StandardCharsets.UTF_8));
        return int8(0);
    }

    /** Ends the message begun last: writes its length; flushes if the buffer is large enough for a network write. */
    void end() throws IOException {
        buffer.putInt(messageStart, buffer.position() - messageStart);
        messageStart = -1;
        if (buffer.position() >= FLUSH_AT) {
            flush();
        }
    }

    /** A byte outside any message (the answer to SSLRequest). */
    void raw(byte value) {
        int8(value);
    }

    void flush() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        FutureCallback written = new FutureCallback();
        writing = true;
        try {
            endPoint.write(written, buffer);
            WireInput.await(written);
        } finally {
            writing = false;
            buffer.clear();
        }
        if (buffer.capacity() > FLUSH_AT * 8) {
            buffer = ByteBuffer.allocate(FLUSH_AT * 2); // one huge value must not pin its buffer for the connection's life
        }
    }

    private void ensure(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            buffer.flip();
            larger.put(buffer);
            buffer = larger;
        }
    }
}
