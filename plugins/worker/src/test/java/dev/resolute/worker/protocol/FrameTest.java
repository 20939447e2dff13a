package dev.resolute.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.worker.protocol.pb.EndMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import org.junit.jupiter.api.Test;

class FrameTest {
    @Test
    void parsingAsTheWrongTypeNamesBoth() {
        Frame end = Frame.of(EndMessage.getDefaultInstance());

        assertThatThrownBy(() -> end.parse(RunCommandMessage.class)).isInstanceOf(ProtocolException.class)
                .hasMessage("expected a RunCommandMessage but got message type 0x0003 (END)");
    }

    @Test
    void aPayloadThatDoesNotParseNamesItsType() {
        Frame broken = new Frame(MessageType.RUN_COMMAND.id(), 0, new byte[] {(byte) 0x5A}); // field 11, length-delimited, no length

        assertThatThrownBy(broken::parse).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("payload of message type 0x0411 (RUN_COMMAND) does not parse: ");
    }

    @Test
    void onlyProtocolFramesMakeFrames() {
        assertThatThrownBy(() -> Frame.of(Value.getDefaultInstance())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Value is not a frame of the service protocol");
    }

    @Test
    void typeAndFlagsAreU16() {
        assertThatThrownBy(() -> new Frame(0x10000, 0, new byte[0])).hasMessage("type must fit in a u16 (0 to 0xFFFF), got 65536");
        assertThatThrownBy(() -> new Frame(0, -1, new byte[0])).hasMessage("flags must fit in a u16 (0 to 0xFFFF), got -1");
    }

    @Test
    void theAckFlagIsTheTopBitOfTheFlags() {
        assertThat(new Frame(0x0005, 0x8000, new byte[0]).ackRequested()).isTrue();
        assertThat(new Frame(0x0005, 0x7FFF, new byte[0]).ackRequested()).isFalse();
    }

    @Test
    void kindsFollowTheIdRangesAndCustomTypesAreCommands() {
        assertThat(MessageType.kindOf(0x03FF)).isEqualTo(MessageType.Kind.CONTROL);
        assertThat(MessageType.kindOf(0x0400)).isEqualTo(MessageType.Kind.COMMAND);
        assertThat(MessageType.kindOf(0x7FFF)).isEqualTo(MessageType.Kind.COMMAND);
        assertThat(MessageType.kindOf(0x8000)).isEqualTo(MessageType.Kind.NOTIFICATION);
        assertThat(MessageType.kindOf(0xFBFF)).isEqualTo(MessageType.Kind.NOTIFICATION);
        assertThat(MessageType.kindOf(0xFC00)).isEqualTo(MessageType.Kind.COMMAND);
        assertThat(MessageType.isCustom(0xFBFF)).isFalse();
        assertThat(MessageType.isCustom(0xFC00)).isTrue();
        assertThat(MessageType.isCustom(0xFFFF)).isTrue();
    }

    @Test
    void equalityIsByContent() {
        assertThat(new Frame(1, 2, new byte[] {3})).isEqualTo(new Frame(1, 2, new byte[] {3}))
                .hasSameHashCodeAs(new Frame(1, 2, new byte[] {3}))
                .isNotEqualTo(new Frame(1, 2, new byte[] {4}));
        assertThat(new Frame(0x0411, 0x8000, new byte[3])).hasToString("Frame[0x0411 RUN_COMMAND, flags=0x8000, 3 bytes]");
    }
}
