package dev.resolute.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FrameCodecProperties {
    private static final long LIMIT = 1 << 20;
    private static final long MIB = 1 << 20;

    @Property
    void everyMessageTypeRoundTripsThroughFrameBytes(@ForAll MessageType type, @ForAll long seed) throws ProtocolException {
        Message message = RandomMessages.of(type, new Random(seed));
        Frame frame = Frame.of(message);

        List<Frame> decoded = decodeAll(FrameEncoder.encode(frame), List.of(Integer.MAX_VALUE));

        assertThat(decoded).containsExactly(frame);
        assertThat(decoded.get(0).type()).isEqualTo(type.id());
        assertThat(decoded.get(0).messageType()).contains(type);
        assertThat(decoded.get(0).parse()).isEqualTo(message);
        assertThat(decoded.get(0).parse(type.messageClass())).isEqualTo(message);
    }

    @Property
    void anyChunkingYieldsTheSameFramesInOrder(@ForAll("streams") List<Frame> frames,
                                               @ForAll("chunkSizes") List<Integer> chunkSizes) throws ProtocolException {
        assertThat(decodeAll(FrameEncoder.encodeAll(frames), chunkSizes)).isEqualTo(frames);
    }

    @Property(tries = 100)
    void oneByteChunksYieldTheSameFrames(@ForAll("streams") List<Frame> frames) throws ProtocolException {
        assertThat(decodeAll(FrameEncoder.encodeAll(frames), List.of(1))).isEqualTo(frames);
    }

    @Property(tries = 200)
    void directBuffersAndOffsetsAreReadFromTheirPosition(@ForAll("streams") List<Frame> frames, @ForAll @IntRange(max = 16) int offset)
            throws ProtocolException {
        byte[] bytes = FrameEncoder.encodeAll(frames);
        ByteBuffer direct = ByteBuffer.allocateDirect(offset + bytes.length);
        direct.position(offset);
        direct.put(bytes).position(offset);

        FrameDecoder decoder = new FrameDecoder(LIMIT);
        List<Frame> decoded = decoder.decode(direct);
        decoder.finish();

        assertThat(decoded).isEqualTo(frames);
        assertThat(direct.hasRemaining()).isFalse();
    }

    @Property(tries = 200)
    void framesDoNotShareTheCallersBuffer(@ForAll("streams") List<Frame> frames) throws ProtocolException {
        byte[] bytes = FrameEncoder.encodeAll(frames);
        FrameDecoder decoder = new FrameDecoder(LIMIT);
        List<Frame> decoded = decoder.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0x55); // a reused read buffer

        assertThat(decoded).isEqualTo(frames);
    }

    @Property
    void customAndUnknownTypesPassThroughOpaqueAndByteExact(@ForAll("opaqueTypes") int type, @ForAll("flags") int flags,
                                                            @ForAll @Size(max = 300) byte[] payload) throws ProtocolException {
        Frame frame = new Frame(type, flags, payload);

        Frame decoded = decodeAll(FrameEncoder.encode(frame), List.of(7)).get(0);

        assertThat(decoded.payload()).isEqualTo(payload);
        assertThat(decoded).isEqualTo(frame);
        assertThat(decoded.messageType()).isEmpty();
        assertThatThrownBy(decoded::parse).isInstanceOf(ProtocolException.class)
                .hasMessage("message type " + MessageType.hex(type)
                        + (MessageType.isCustom(type) ? " is a custom type, opaque to the server" : " is unknown"));
    }

    @Property
    void anOversizedFrameFailsOnItsHeaderBeforeThePayload(@ForAll @IntRange(max = 1 << 24) int limit,
                                                           @ForAll @IntRange(min = 1) int excess,
                                                           @ForAll("anyType") int type) {
        long length = Math.min((long) limit + excess, 0xFFFF_FFFFL);
        FrameDecoder decoder = new FrameDecoder(limit);

        assertThatThrownBy(() -> decoder.decode(header(type, 0, length)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("message of type " + MessageType.hex(type) + " has ")
                .hasMessageContaining(", over worker.invoker.message-size-limit of ");
    }

    @Example
    void theOversizeMessageNamesTypeSizeAndLimit() {
        FrameDecoder decoder = new FrameDecoder(32 * MIB);

        assertThatThrownBy(() -> decoder.decode(header(0x0411, 0, 40 * MIB)))
                .hasMessage("message of type 0x0411 has 40.0 MiB, over worker.invoker.message-size-limit of 32.0 MiB");
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.allocate(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already failed");
    }

    @Example
    void aPayloadOfExactlyTheLimitIsAccepted() throws ProtocolException {
        Frame frame = new Frame(0x0401, 0, new byte[1000]);

        assertThat(decodeAll(FrameEncoder.encode(frame), List.of(100), 1000)).containsExactly(frame);
    }

    @Example
    void theLargestU32LengthIsRejectedEvenUnderTheLargestLimit() {
        FrameDecoder decoder = new FrameDecoder(FrameDecoder.MAX_LIMIT);

        assertThatThrownBy(() -> decoder.decode(header(0xFC00, 0, 0xFFFF_FFFFL))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("0xFC00 has 4294967295 B");
    }

    @Property
    void aStreamCutAnywhereEndsCleanlyOnlyAtFrameBoundaries(@ForAll("streams") List<Frame> frames, @ForAll Random random)
            throws ProtocolException {
        byte[] bytes = FrameEncoder.encodeAll(frames);
        int cut = random.nextInt(bytes.length + 1);
        FrameDecoder decoder = new FrameDecoder(LIMIT);
        decoder.decode(ByteBuffer.wrap(bytes, 0, cut));

        int start = 0;
        for (Frame frame : frames) {
            int size = 8 + frame.payload().length;
            if (cut > start && cut < start + size) {
                int got = cut - start;
                String expected = got < 8
                        ? "stream ended inside a frame header: got " + got + " of 8 bytes"
                        : "stream ended inside a frame of type " + MessageType.hex(frame.type()) + ": got " + got + " of " + size + " bytes";
                assertThatThrownBy(decoder::finish).isInstanceOf(ProtocolException.class).hasMessage(expected);
                return;
            }
            start += size;
        }
        decoder.finish(); // at a boundary: must not throw
    }

    @Example
    void anEmptyPayloadCompletesWithItsHeader() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(LIMIT);

        assertThat(decoder.decode(header(0x0003, 0, 0))).containsExactly(new Frame(0x0003, 0, new byte[0]));
        decoder.finish();
    }

    @Provide
    Arbitrary<List<Frame>> streams() {
        Arbitrary<byte[]> payloads = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3000));
        return Combinators.combine(anyType(), flags(), payloads).as(Frame::new).list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 5000))
                .list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<Integer> anyType() {
        return Arbitraries.oneOf(Arbitraries.of(MessageType.values()).map(MessageType::id), Arbitraries.integers().between(0, 0xFFFF));
    }

    @Provide
    Arbitrary<Integer> opaqueTypes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0xFC00, 0xFFFF), Arbitraries.integers().between(0, 0xFBFF))
                .filter(id -> MessageType.of(id).isEmpty());
    }

    @Provide
    Arbitrary<Integer> flags() {
        return Arbitraries.oneOf(Arbitraries.of(0, MessageType.REQUESTED_ACK), Arbitraries.integers().between(0, 0xFFFF));
    }

    private static ByteBuffer header(int type, int flags, long length) {
        return ByteBuffer.allocate(8).putShort((short) type).putShort((short) flags).putInt((int) length).flip();
    }

    private static List<Frame> decodeAll(byte[] bytes, List<Integer> chunkSizes) throws ProtocolException {
        return decodeAll(bytes, chunkSizes, LIMIT);
    }

    /** Feeds the bytes in chunks of the given sizes, cycling through them, each chunk at an offset of its array. */
    private static List<Frame> decodeAll(byte[] bytes, List<Integer> chunkSizes, long limit) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(limit);
        List<Frame> frames = new ArrayList<>();
        for (int at = 0, i = 0; at < bytes.length; i++) {
            int size = Math.min(chunkSizes.get(i % chunkSizes.size()), bytes.length - at);
            frames.addAll(decoder.decode(ByteBuffer.wrap(bytes, at, size)));
            at += size;
        }
        decoder.finish();
        return frames;
    }
}
