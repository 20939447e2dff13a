package dev.resolute.worker.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.resolute.worker.protocol.pb.AttachInvocationCommandMessage;
import dev.resolute.worker.protocol.pb.AttachInvocationCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.AwaitingOnMessage;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.CallCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.ClearAllStateCommandMessage;
import dev.resolute.worker.protocol.pb.ClearStateCommandMessage;
import dev.resolute.worker.protocol.pb.CommandAckMessage;
import dev.resolute.worker.protocol.pb.CompleteAwakeableCommandMessage;
import dev.resolute.worker.protocol.pb.CompletePromiseCommandMessage;
import dev.resolute.worker.protocol.pb.CompletePromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.EndMessage;
import dev.resolute.worker.protocol.pb.ErrorMessage;
import dev.resolute.worker.protocol.pb.GetEagerStateCommandMessage;
import dev.resolute.worker.protocol.pb.GetEagerStateKeysCommandMessage;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCommandMessage;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateCommandMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateKeysCommandMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateKeysCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.GetPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.GetPromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.InputCommandMessage;
import dev.resolute.worker.protocol.pb.OneWayCallCommandMessage;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.PeekPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.PeekPromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.ProposeRunCompletionAckMessage;
import dev.resolute.worker.protocol.pb.ProposeRunCompletionMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.RunCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.SendSignalCommandMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.SignalNotificationMessage;
import dev.resolute.worker.protocol.pb.SleepCommandMessage;
import dev.resolute.worker.protocol.pb.SleepCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.StartMessage;
import dev.resolute.worker.protocol.pb.SuspensionMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The message types of service protocol V5 to V7 (type id in the frame header ↔ protobuf message). Ids outside
 * this table still travel in {@link Frame}s: custom types ({@code 0xFC00-0xFFFF}) are commands that the server
 * journals and replays without reading them, and unknown ids are the engine's to judge.
 */
public enum MessageType {
    START(0x0000, Kind.CONTROL, StartMessage.getDefaultInstance()),
    SUSPENSION(0x0001, Kind.CONTROL, SuspensionMessage.getDefaultInstance()),
    ERROR(0x0002, Kind.CONTROL, ErrorMessage.getDefaultInstance()),
    END(0x0003, Kind.CONTROL, EndMessage.getDefaultInstance()),
    COMMAND_ACK(0x0004, Kind.CONTROL, CommandAckMessage.getDefaultInstance()),
    PROPOSE_RUN_COMPLETION(0x0005, Kind.CONTROL, ProposeRunCompletionMessage.getDefaultInstance()),
    AWAITING_ON(0x0006, Kind.CONTROL, AwaitingOnMessage.getDefaultInstance()),
    PROPOSE_RUN_COMPLETION_ACK(0x0007, Kind.CONTROL, ProposeRunCompletionAckMessage.getDefaultInstance()),

    INPUT_COMMAND(0x0400, Kind.COMMAND, InputCommandMessage.getDefaultInstance()),
    OUTPUT_COMMAND(0x0401, Kind.COMMAND, OutputCommandMessage.getDefaultInstance()),
    GET_LAZY_STATE_COMMAND(0x0402, Kind.COMMAND, GetLazyStateCommandMessage.getDefaultInstance()),
    SET_STATE_COMMAND(0x0403, Kind.COMMAND, SetStateCommandMessage.getDefaultInstance()),
    CLEAR_STATE_COMMAND(0x0404, Kind.COMMAND, ClearStateCommandMessage.getDefaultInstance()),
    CLEAR_ALL_STATE_COMMAND(0x0405, Kind.COMMAND, ClearAllStateCommandMessage.getDefaultInstance()),
    GET_LAZY_STATE_KEYS_COMMAND(0x0406, Kind.COMMAND, GetLazyStateKeysCommandMessage.getDefaultInstance()),
    GET_EAGER_STATE_COMMAND(0x0407, Kind.COMMAND, GetEagerStateCommandMessage.getDefaultInstance()),
    GET_EAGER_STATE_KEYS_COMMAND(0x0408, Kind.COMMAND, GetEagerStateKeysCommandMessage.getDefaultInstance()),
    GET_PROMISE_COMMAND(0x0409, Kind.COMMAND, GetPromiseCommandMessage.getDefaultInstance()),
    PEEK_PROMISE_COMMAND(0x040A, Kind.COMMAND, PeekPromiseCommandMessage.getDefaultInstance()),
    COMPLETE_PROMISE_COMMAND(0x040B, Kind.COMMAND, CompletePromiseCommandMessage.getDefaultInstance()),
    SLEEP_COMMAND(0x040C, Kind.COMMAND, SleepCommandMessage.getDefaultInstance()),
    CALL_COMMAND(0x040D, Kind.COMMAND, CallCommandMessage.getDefaultInstance()),
    ONE_WAY_CALL_COMMAND(0x040E, Kind.COMMAND, OneWayCallCommandMessage.getDefaultInstance()),
    // there is no 0x040F
    SEND_SIGNAL_COMMAND(0x0410, Kind.COMMAND, SendSignalCommandMessage.getDefaultInstance()),
    RUN_COMMAND(0x0411, Kind.COMMAND, RunCommandMessage.getDefaultInstance()),
    ATTACH_INVOCATION_COMMAND(0x0412, Kind.COMMAND, AttachInvocationCommandMessage.getDefaultInstance()),
    GET_INVOCATION_OUTPUT_COMMAND(0x0413, Kind.COMMAND, GetInvocationOutputCommandMessage.getDefaultInstance()),
    COMPLETE_AWAKEABLE_COMMAND(0x0414, Kind.COMMAND, CompleteAwakeableCommandMessage.getDefaultInstance()),

    GET_LAZY_STATE_COMPLETION(0x8002, Kind.NOTIFICATION, GetLazyStateCompletionNotificationMessage.getDefaultInstance()),
    GET_LAZY_STATE_KEYS_COMPLETION(0x8006, Kind.NOTIFICATION, GetLazyStateKeysCompletionNotificationMessage.getDefaultInstance()),
    GET_PROMISE_COMPLETION(0x8009, Kind.NOTIFICATION, GetPromiseCompletionNotificationMessage.getDefaultInstance()),
    PEEK_PROMISE_COMPLETION(0x800A, Kind.NOTIFICATION, PeekPromiseCompletionNotificationMessage.getDefaultInstance()),
    COMPLETE_PROMISE_COMPLETION(0x800B, Kind.NOTIFICATION, CompletePromiseCompletionNotificationMessage.getDefaultInstance()),
    SLEEP_COMPLETION(0x800C, Kind.NOTIFICATION, SleepCompletionNotificationMessage.getDefaultInstance()),
    CALL_COMPLETION(0x800D, Kind.NOTIFICATION, CallCompletionNotificationMessage.getDefaultInstance()),
    CALL_INVOCATION_ID_COMPLETION(0x800E, Kind.NOTIFICATION, CallInvocationIdCompletionNotificationMessage.getDefaultInstance()),
    RUN_COMPLETION(0x8011, Kind.NOTIFICATION, RunCompletionNotificationMessage.getDefaultInstance()),
    ATTACH_INVOCATION_COMPLETION(0x8012, Kind.NOTIFICATION, AttachInvocationCompletionNotificationMessage.getDefaultInstance()),
    GET_INVOCATION_OUTPUT_COMPLETION(0x8013, Kind.NOTIFICATION, GetInvocationOutputCompletionNotificationMessage.getDefaultInstance()),
    SIGNAL_NOTIFICATION(0xFBFF, Kind.NOTIFICATION, SignalNotificationMessage.getDefaultInstance());

    /** Bit of the header's flags by which the sender asks for an acknowledgement (V7: on ProposeRunCompletion). */
    public static final int REQUESTED_ACK = 0x8000;

    /** Where a frame belongs: control frames steer an attempt; commands and notifications form the journal. */
    public enum Kind {
        CONTROL, COMMAND, NOTIFICATION
    }

    private static final int FIRST_COMMAND = 0x0400;
    private static final int FIRST_NOTIFICATION = 0x8000;
    private static final int FIRST_CUSTOM = 0xFC00;

    private static final Map<Integer, MessageType> BY_ID = new HashMap<>();
    private static final Map<Class<?>, MessageType> BY_CLASS = new HashMap<>();

    static {
        for (MessageType type : values()) {
            BY_ID.put(type.id, type);
            BY_CLASS.put(type.prototype.getClass(), type);
        }
    }

    private final int id;
    private final Kind kind;
    private final Message prototype;

    MessageType(int id, Kind kind, Message prototype) {
        this.id = id;
        this.kind = kind;
        this.prototype = prototype;
    }

    /** The u16 type id of the frame header. */
    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The generated class of this type's payload. */
    public Class<? extends Message> messageClass() {
        return prototype.getClass();
    }

    /**
     * @return the payload parsed as this type's message
     * @throws ProtocolException if it is not a valid encoding of that message
     */
    public Message parse(byte[] payload) throws ProtocolException {
        try {
            return prototype.getParserForType().parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtocolException("payload of message type " + hex(id) + " (" + name() + ") does not parse: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The payload parsed as this type's message, sharing the payload's bytes instead of copying them (a 10 MiB value
     * stays one array): for reads that show stored entries.
     *
     * @throws ProtocolException if it is not a valid encoding of that message
     */
    public Message parseShared(ByteString payload) throws ProtocolException {
        try {
            CodedInputStream in = payload.newCodedInput();
            in.enableAliasing(true);
            return prototype.getParserForType().parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtocolException("payload of message type " + hex(id) + " (" + name() + ") does not parse: "
                    + e.getMessage(), e);
        }
    }

    /** @return the known type with this id; empty for custom and unknown ids */
    public static Optional<MessageType> of(int id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /**
     * @return the type whose payload the message is
     * @throws IllegalArgumentException if the message is not one of the protocol's frames (e.g. a nested Value)
     */
    public static MessageType of(Message message) {
        MessageType type = BY_CLASS.get(Objects.requireNonNull(message, "message").getClass());
        if (type == null) {
            throw new IllegalArgumentException(message.getDescriptorForType().getName() + " is not a frame of the service protocol");
        }
        return type;
    }

    /** The kind of any id, known or not, by the protocol's id ranges; custom types count as commands. */
    public static Kind kindOf(int id) {
        if (id < FIRST_COMMAND) {
            return Kind.CONTROL;
        }
        return id >= FIRST_NOTIFICATION && id < FIRST_CUSTOM ? Kind.NOTIFICATION : Kind.COMMAND;
    }

    /** True for ids the journal keeps as commands: 0x0400-0x7FFF and the custom 0xFC00-0xFFFF. */
    public static boolean isCommand(int id) {
        return kindOf(id) == Kind.COMMAND;
    }

    /** True for custom types (0xFC00-0xFFFF): SDK extensions the server stores and replays unread. */
    public static boolean isCustom(int id) {
        return id >= FIRST_CUSTOM && id <= 0xFFFF;
    }

    /** A type id as the protocol documents write it, e.g. {@code 0x0411}. */
    public static String hex(int id) {
        return String.format("0x%04X", id);
    }
}
