package dev.resolute.fabric;

import com.google.protobuf.ByteString;
import dev.resolute.fabric.pb.QueryResponse;
import io.grpc.stub.StreamObserver;
import java.io.OutputStream;

/**
 * An Arrow IPC stream cut into {@code QueryResponse} messages as it is written: restatectl concatenates their
 * {@code encoded} bytes and decodes the stream, so where the cuts fall does not matter, only that each message stays
 * far below gRPC's message size limit.
 */
final class QueryChunks extends OutputStream {

    static final int CHUNK_BYTES = 256 * 1024;

    private final StreamObserver<QueryResponse> out;
    private final byte[] buffer = new byte[CHUNK_BYTES];
    private int filled;

    QueryChunks(StreamObserver<QueryResponse> out) {
        this.out = out;
    }

    @Override
    public void write(int b) {
        if (filled == buffer.length) {
            send();
        }
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (filled == buffer.length) {
                send();
            }
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    /** Sends what is buffered; the stream's end is the caller's to signal. */
    @Override
    public void close() {
        if (filled > 0) {
            send();
        }
    }

    private void send() {
        out.onNext(QueryResponse.newBuilder().setEncoded(ByteString.copyFrom(buffer, 0, filled)).build());
        filled = 0;
    }
}
