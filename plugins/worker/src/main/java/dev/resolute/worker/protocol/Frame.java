package dev.resolute.worker.protocol;

import com.google.protobuf.Message;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of the service protocol as it travels: the header's type id and flags (each a u16) and the
 * payload exactly as received. Commands and notifications are journaled as these bytes and replayed from them,
 * never re-encoded, so an SDK sees on replay precisely what it sent or was sent.
 *
 * <p>The payload array is not copied: whoever builds a frame hands the array over and must not change it.
 * Equality compares the payload's contents.
 */
public record Frame(int type, int flags, byte[] payload) {
    /** Type u16, flags u16, payload length u32, all big-endian. */
    static final int HEADER_BYTES = 8;
    private static final int U16_MAX = 0xFFFF;

    /** @throws IllegalArgumentException if type or flags do not fit in a u16 */
    public Frame {
        checkU16(type, "type");
        checkU16(flags, "flags");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * @return a frame carrying the message, with no flags
     * @throws IllegalArgumentException if the message is not one of the protocol's frames
     */
    public static Frame of(Message message) {
        return new Frame(MessageType.of(message).id(), 0, message.toByteArray());
    }

    /** @return this frame's known type; empty for custom and unknown ids */
    public Optional<MessageType> messageType() {
        return MessageType.of(type);
    }

    /** @return the kind by the id ranges, so custom and unknown ids have one too */
    public MessageType.Kind kind() {
        return MessageType.kindOf(type);
    }

    /** @return whether the sender set the {@link MessageType#REQUESTED_ACK} flag */
    public boolean ackRequested() {
        return (flags & MessageType.REQUESTED_ACK) != 0;
    }

    /**
     * @return the payload parsed as the message of this frame's type
     * @throws ProtocolException if the type is custom or unknown, or the payload does not parse
     */
    public Message parse() throws ProtocolException {
        return messageType()
                .orElseThrow(() -> new ProtocolException("message type " + MessageType.hex(type)
                        + (MessageType.isCustom(type) ? " is a custom type, opaque to the server" : " is unknown")))
                .parse(payload);
    }

    /**
     * @return the payload parsed as the expected message
     * @throws ProtocolException if the frame is of another type, or the payload does not parse
     */
    public <T extends Message> T parse(Class<T> expected) throws ProtocolException {
        Optional<MessageType> actual = messageType();
        if (actual.isEmpty() || actual.get().messageClass() != expected) {
            throw new ProtocolException("expected a " + expected.getSimpleName() + " but got message type "
                    + MessageType.hex(type) + actual.map(t -> " (" + t.name() + ")").orElse(""));
        }
        return expected.cast(actual.get().parse(payload));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && f.type == type && f.flags == flags && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + flags) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Frame[" + MessageType.hex(type) + messageType().map(t -> " " + t.name()).orElse("")
                + (flags != 0 ? ", flags=" + MessageType.hex(flags) : "") + ", " + payload.length + " bytes]";
    }

    private static void checkU16(int value, String name) {
        if (value < 0 || value > U16_MAX) {
            throw new IllegalArgumentException(name + " must fit in a u16 (0 to 0xFFFF), got " + value);
        }
    }
}
