package dev.resolute.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.CombinatorType;
import dev.resolute.worker.protocol.pb.Future;
import dev.resolute.worker.protocol.pb.ProposeRunCompletionMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.RunCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.SignalNotificationMessage;
import dev.resolute.worker.protocol.pb.SleepCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.StartMessage;
import dev.resolute.worker.protocol.pb.SuspensionMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.protocol.pb.Void;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames of the traces captured between restate-server 1.7.12 and the TypeScript SDK 1.17.2
 * (restate-protocol.md §1.16), rebuilt byte by byte from protobuf's wire format: what the SDK sent must decode
 * to the expected messages, and what we build must be the bytes Restate sent.
 */
class TraceTest {
    private static final int VARINT = 0;
    private static final int LEN = 2;

    @Test
    void theSdksFirstAttemptDecodesFromOneByteChunks() throws ProtocolException {
        byte[] stream = concat(
                frame(0x0411, 0, concat(tag(11, VARINT), varint(1), tag(12, LEN), string("side"))),
                frame(0x0005, 0, concat(tag(1, VARINT), varint(1), tag(14, LEN), string("\"ran-bob\""))),
                frame(0x0001, 0, concat(tag(1, LEN), varint(1), varint(1), tag(2, LEN), varint(1), varint(1))));
        FrameDecoder decoder = new FrameDecoder(1 << 20);
        List<Frame> frames = new ArrayList<>();
        for (byte b : stream) {
            frames.addAll(decoder.decode(ByteBuffer.wrap(new byte[] {b})));
        }
        decoder.finish();

        assertThat(frames).hasSize(3);
        assertThat(frames.get(0).parse(RunCommandMessage.class))
                .isEqualTo(RunCommandMessage.newBuilder().setResultCompletionId(1).setName("side").build());
        assertThat(frames.get(1).parse(ProposeRunCompletionMessage.class)).isEqualTo(ProposeRunCompletionMessage.newBuilder()
                .setResultCompletionId(1).setValue(utf8("\"ran-bob\"")).build());
        assertThat(frames.get(2).parse(SuspensionMessage.class))
                .isEqualTo(SuspensionMessage.newBuilder().addWaitingCompletions(1).addWaitingSignals(1).build());
    }

    @Test
    void aV7ProposalCarriesTheAckFlagAndAFutureTreeSuspension() throws ProtocolException {
        byte[] proposal = frame(0x0005, 0x8000, concat(tag(1, VARINT), varint(1), tag(14, LEN), string("\"ran-bob\"")));
        byte[] future = concat(tag(1, LEN), varint(1), varint(1), tag(2, LEN), varint(1), varint(1), tag(5, VARINT), varint(1));
        byte[] suspension = frame(0x0001, 0, concat(tag(4, LEN), varint(future.length), future));

        List<Frame> frames = new FrameDecoder(1 << 20).decode(ByteBuffer.wrap(concat(proposal, suspension)));

        assertThat(frames.get(0).ackRequested()).isTrue();
        assertThat(frames.get(1).parse(SuspensionMessage.class).getAwaitingOn()).isEqualTo(Future.newBuilder()
                .addWaitingCompletions(1).addWaitingSignals(1).setCombinatorType(CombinatorType.FIRST_COMPLETED).build());
    }

    @Test
    void notificationsWeBuildAreTheBytesRestateSent() {
        assertThat(FrameEncoder.encode(Frame.of(RunCompletionNotificationMessage.newBuilder().setCompletionId(1)
                .setValue(Value.newBuilder().setContent(utf8("\"ran-bob\""))).build())))
                .isEqualTo(frame(0x8011, 0, concat(tag(1, VARINT), varint(1), tag(5, LEN), varint(11), tag(1, LEN), string("\"ran-bob\""))));
        assertThat(FrameEncoder.encode(Frame.of(SleepCompletionNotificationMessage.newBuilder().setCompletionId(2)
                .setVoid(Void.getDefaultInstance()).build())))
                .isEqualTo(frame(0x800C, 0, concat(tag(1, VARINT), varint(2), tag(4, LEN), varint(0))));
        String callee = "inv_1foAir0000000000000000000000000";
        assertThat(FrameEncoder.encode(Frame.of(CallInvocationIdCompletionNotificationMessage.newBuilder().setCompletionId(3)
                .setInvocationId(callee).build())))
                .isEqualTo(frame(0x800E, 0, concat(tag(1, VARINT), varint(3), tag(16, LEN), string(callee))));
        assertThat(FrameEncoder.encode(Frame.of(SignalNotificationMessage.newBuilder().setIdx(1).setVoid(Void.getDefaultInstance()).build())))
                .as("cancel")
                .isEqualTo(frame(0xFBFF, 0, concat(tag(2, VARINT), varint(1), tag(4, LEN), varint(0))));
        assertThat(FrameEncoder.encode(Frame.of(SignalNotificationMessage.newBuilder().setIdx(17)
                .setValue(Value.newBuilder().setContent(utf8("\"resolved!\""))).build())))
                .as("awakeable resolved")
                .isEqualTo(frame(0xFBFF, 0, concat(tag(2, VARINT), varint(17), tag(5, LEN), varint(13), tag(1, LEN), string("\"resolved!\""))));
    }

    @Test
    void aStartMessageIsTheBytesRestateSent() {
        byte[] id = new byte[24];
        id[23] = 7;
        StartMessage start = StartMessage.newBuilder().setId(ByteString.copyFrom(id)).setDebugId("inv_1haCJ").setKnownEntries(1)
                .setPartialState(true).setDurationSinceLastStoredEntry(2).setRandomSeed(300).build();

        assertThat(FrameEncoder.encode(Frame.of(start))).isEqualTo(frame(0x0000, 0, concat(
                tag(1, LEN), varint(24), id, tag(2, LEN), string("inv_1haCJ"), tag(3, VARINT), varint(1),
                tag(5, VARINT), varint(1), tag(8, VARINT), varint(2), tag(9, VARINT), varint(300))));
    }

    private static byte[] frame(int type, int flags, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) type).putShort((short) flags).putInt(payload.length)
                .put(payload).array();
    }

    private static byte[] tag(int field, int wireType) {
        return varint(field << 3 | wireType);
    }

    /** A length-prefixed UTF-8 string. */
    private static byte[] string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return concat(varint(utf8.length), utf8);
    }

    private static byte[] varint(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (value >= 0x80) {
            out.write(value & 0x7F | 0x80);
            value >>>= 7;
        }
        out.write(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static ByteString utf8(String text) {
        return ByteString.copyFromUtf8(text);
    }
}
