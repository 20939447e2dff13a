package dev.resolute.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.InternalMetadata;
import io.grpc.InternalStatus;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class GrpcWireTest {

    @Property
    void framedMessagesSplitBackIntoThemselves(@ForAll @Size(max = 5) List<@Size(max = 300) byte[]> messages) throws StatusException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        messages.forEach(message -> body.writeBytes(bytes(GrpcWire.frame(message))));

        assertEquals(asStrings(messages), asStrings(GrpcWire.messages(body.toByteArray())));
    }

    @Property
    void aBodyCutInsideAMessageIsMalformed(@ForAll @Size(max = 300) byte[] message, @ForAll int cutSeed) {
        byte[] frame = bytes(GrpcWire.frame(message));
        int cut = 1 + Math.floorMod(cutSeed, frame.length - 1);

        StatusException e = assertThrows(StatusException.class, () -> GrpcWire.messages(Arrays.copyOf(frame, cut)));
        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
    }

    @Example
    void aCompressedMessageIsUnimplemented() {
        byte[] frame = {1, 0, 0, 0, 1, 42};

        StatusException e = assertThrows(StatusException.class, () -> GrpcWire.messages(frame));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }

    @Property
    void grpcJavaDecodesThePercentEncodedMessage(@ForAll String text) {
        String encoded = GrpcWire.percentEncode(text);

        assertTrue(encoded.chars().allMatch(c -> c >= ' ' && c <= '~'), encoded);
        var trailers = InternalMetadata.newMetadata(InternalStatus.MESSAGE_KEY.name().getBytes(StandardCharsets.US_ASCII),
                encoded.getBytes(StandardCharsets.US_ASCII));
        // Unpaired surrogates cannot survive UTF-8; everything else must come back as it was.
        assertEquals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), trailers.get(InternalStatus.MESSAGE_KEY));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static List<String> asStrings(List<byte[]> messages) {
        return messages.stream().map(Arrays::toString).collect(Collectors.toList());
    }
}
