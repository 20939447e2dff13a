package dev.resolute.pgwire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;

/**
 * Blocking reads of frontend messages from a Jetty {@link EndPoint}: the session runs on its own (virtual) thread,
 * so waiting for bytes simply parks it until the selector reports the socket readable.
 */
final class WireInput {
    /** Postgres allows 1 GiB; introspection queries are small, and a larger length is a broken or hostile client. */
    static final int MAX_MESSAGE = 16 * 1024 * 1024;

    private final EndPoint endPoint;
    private final ByteBuffer buffer = BufferUtil.allocate(16 * 1024);

    WireInput(EndPoint endPoint) {
        this.endPoint = endPoint;
    }

    /** A frontend message: its type byte and its body (without type and length). */
    record Message(char type, ByteBuffer body) {
    }

    /** The untyped first packet (StartupMessage, SSLRequest, GSSENCRequest, CancelRequest): its body. */
    ByteBuffer readStartupPacket() throws IOException {
        return body(readInt32());
    }

    Message readMessage() throws IOException {
        char type = (char) (readByte() & 0xff);
        return new Message(type, body(readInt32()));
    }

    private ByteBuffer body(int length) throws IOException {
        if (length < 4 || length > MAX_MESSAGE) {
            throw new PgError(SqlState.PROTOCOL_VIOLATION, "invalid message length " + length);
        }
        byte[] body = new byte[length - 4];
        readFully(body);
        return ByteBuffer.wrap(body);
    }

    private int readInt32() throws IOException {
        byte[] four = new byte[4];
        readFully(four);
        return ByteBuffer.wrap(four).getInt();
    }

    private byte readByte() throws IOException {
        byte[] one = new byte[1];
        readFully(one);
        return one[0];
    }

    private void readFully(byte[] target) throws IOException {
        int done = 0;
        while (done < target.length) {
            if (!buffer.hasRemaining()) {
                fill();
            }
            int n = Math.min(buffer.remaining(), target.length - done);
            buffer.get(target, done, n);
            done += n;
        }
    }

    private void fill() throws IOException {
        BufferUtil.clear(buffer);
        while (true) {
            int n = endPoint.fill(buffer);
            if (n > 0) {
                return;
            }
            if (n < 0) {
                throw new EOFException("client closed the connection");
            }
            FutureCallback readable = new FutureCallback();
            endPoint.fillInterested(readable);
            await(readable);
        }
    }

    static void await(FutureCallback callback) throws IOException {
        try {
            callback.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
