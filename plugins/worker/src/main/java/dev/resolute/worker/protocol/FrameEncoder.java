package dev.resolute.worker.protocol;

import java.nio.ByteBuffer;
import java.util.Collection;

/** Writes {@link Frame}s as the protocol's bytes: an 8-byte big-endian header, then the payload unchanged. */
public final class FrameEncoder {
    private FrameEncoder() {
    }

    /** @return the frame's header and payload */
    public static byte[] encode(Frame frame) {
        ByteBuffer out = ByteBuffer.allocate(Frame.HEADER_BYTES + frame.payload().length);
        put(frame, out);
        return out.array();
    }

    /** @return the frames one after the other, e.g. a StartMessage and a journal's replay for one write */
    public static byte[] encodeAll(Collection<Frame> frames) {
        long size = 0;
        for (Frame frame : frames) {
            size += Frame.HEADER_BYTES + frame.payload().length;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frames take " + size + " bytes, more than one array holds");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        frames.forEach(frame -> put(frame, out));
        return out.array();
    }

    private static void put(Frame frame, ByteBuffer out) {
        out.putShort((short) frame.type()).putShort((short) frame.flags()).putInt(frame.payload().length).put(frame.payload());
    }
}
