package dev.resolute.worker.protocol;

import dev.resolute.spi.ByteSizes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream (an HTTP body, read chunk by chunk) into {@link Frame}s. Chunks may end anywhere: a
 * frame may span many chunks and a chunk may hold many frames. The type id is not checked here, so custom and
 * unknown types pass through untouched. Not thread-safe: one decoder per stream.
 *
 * <p>A header announcing a payload over the limit fails at once, before any of that payload is buffered, so a
 * deployment cannot make the server allocate more than the limit per stream. After a {@link ProtocolException}
 * the decoder is spent.
 */
public final class FrameDecoder {
    /** The largest limit a decoder takes: a payload is held in one Java array. */
    public static final long MAX_LIMIT = Integer.MAX_VALUE - 8;

    private static final String LIMIT_KEY = "worker.invoker.message-size-limit";

    private final long maxPayloadBytes;
    private final byte[] header = new byte[Frame.HEADER_BYTES];
    private int headerFill;
    private int type;
    private int flags;
    private byte[] payload; // null while a header is being read
    private int payloadFill;
    private ProtocolException failure;

    /**
     * @param maxPayloadBytes the largest payload accepted ({@code worker.invoker.message-size-limit})
     * @throws IllegalArgumentException if negative or over {@link #MAX_LIMIT}
     */
    public FrameDecoder(long maxPayloadBytes) {
        if (maxPayloadBytes < 0 || maxPayloadBytes > MAX_LIMIT) {
            throw new IllegalArgumentException("message size limit must be 0 to " + MAX_LIMIT + " bytes, got " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Consumes all remaining bytes of the chunk (its position moves to its limit).
     *
     * @return the frames completed by this chunk, in stream order; often none
     * @throws ProtocolException if a header announces a payload over the limit
     * @throws IllegalStateException if the decoder failed before
     */
    public List<Frame> decode(ByteBuffer chunk) throws ProtocolException {
        checkUsable();
        List<Frame> frames = new ArrayList<>(2);
        while (chunk.hasRemaining() || payload != null) {
            if (payload == null) {
                int n = Math.min(header.length - headerFill, chunk.remaining());
                chunk.get(header, headerFill, n);
                headerFill += n;
                if (headerFill < header.length) {
                    break;
                }
                startPayload();
            }
            int n = Math.min(payload.length - payloadFill, chunk.remaining());
            chunk.get(payload, payloadFill, n);
            payloadFill += n;
            if (payloadFill < payload.length) {
                break;
            }
            frames.add(new Frame(type, flags, payload));
            payload = null;
            headerFill = 0;
        }
        return frames;
    }

    /**
     * Call at the end of the stream.
     *
     * @throws ProtocolException if the stream ended inside a frame
     * @throws IllegalStateException if the decoder failed before
     */
    public void finish() throws ProtocolException {
        checkUsable();
        if (payload != null) {
            fail("stream ended inside a frame of type " + MessageType.hex(type) + ": got "
                    + (Frame.HEADER_BYTES + payloadFill) + " of " + (Frame.HEADER_BYTES + payload.length) + " bytes");
        }
        if (headerFill > 0) {
            fail("stream ended inside a frame header: got " + headerFill + " of " + Frame.HEADER_BYTES + " bytes");
        }
    }

    private void startPayload() throws ProtocolException {
        ByteBuffer view = ByteBuffer.wrap(header);
        type = Short.toUnsignedInt(view.getShort());
        flags = Short.toUnsignedInt(view.getShort());
        long length = Integer.toUnsignedLong(view.getInt());
        if (length > maxPayloadBytes) {
            fail("message of type " + MessageType.hex(type) + " has " + ByteSizes.format(length) + ", over "
                    + LIMIT_KEY + " of " + ByteSizes.format(maxPayloadBytes));
        }
        payload = new byte[(int) length];
        payloadFill = 0;
    }

    private void fail(String message) throws ProtocolException {
        failure = new ProtocolException(message);
        throw failure;
    }

    private void checkUsable() {
        if (failure != null) {
            throw new IllegalStateException("the decoder already failed: " + failure.getMessage());
        }
    }
}
