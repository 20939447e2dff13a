package dev.resolute.worker.introspection;

import static dev.resolute.worker.introspection.EntryJsonValues.NODES;
import static dev.resolute.worker.introspection.EntryJsonValues.VOID;
import static dev.resolute.worker.introspection.EntryJsonValues.failure;
import static dev.resolute.worker.introspection.EntryJsonValues.keys;
import static dev.resolute.worker.introspection.EntryJsonValues.success;
import static dev.resolute.worker.introspection.EntryJsonValues.tagged;
import static dev.resolute.worker.introspection.EntryJsonValues.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.AttachInvocationCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.CallCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.CompletePromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateKeysCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.GetPromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.PeekPromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.RunCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.SignalNotificationMessage;
import dev.resolute.worker.protocol.pb.SleepCompletionNotificationMessage;
import java.util.Optional;

/**
 * A notification as Restate's journal model writes it: {@code {"Notification": {"Completion": {"Sleep":
 * {"completion_id": 1}}}}}, or {@code {"Notification": {"Signal": {"id": {"Index": 1}, "result": "Void"}}}}.
 */
final class NotificationJson {
    private NotificationJson() {
    }

    /** The notification's JSON tree, or nothing for a type that is not a notification. */
    static Optional<JsonNode> of(MessageType type, Message message) {
        if (type == MessageType.SIGNAL_NOTIFICATION) {
            return Optional.of(notification("Signal", signal((SignalNotificationMessage) message)));
        }
        return completion(type, message).map(body -> notification("Completion", tagged(completionName(type), body)));
    }

    private static ObjectNode notification(String kind, JsonNode body) {
        return tagged("Notification", tagged(kind, body));
    }

    private static Optional<ObjectNode> completion(MessageType type, Message message) {
        ObjectNode body = switch (type) {
            case GET_LAZY_STATE_COMPLETION -> {
                var m = (GetLazyStateCompletionNotificationMessage) message;
                yield withId(m.getCompletionId()).set("result", m.hasValue() ? success(m.getValue().getContent()) : unit(VOID));
            }
            case GET_LAZY_STATE_KEYS_COMPLETION -> {
                var m = (GetLazyStateKeysCompletionNotificationMessage) message;
                yield withId(m.getCompletionId()).set("state_keys", keys(m.getStateKeys().getKeysList()));
            }
            case GET_PROMISE_COMPLETION -> {
                var m = (GetPromiseCompletionNotificationMessage) message;
                yield withId(m.getCompletionId()).set("result", m.hasFailure() ? failure(m.getFailure()) : success(m.getValue().getContent()));
            }
            case PEEK_PROMISE_COMPLETION -> {
                var m = (PeekPromiseCompletionNotificationMessage) message;
                yield withId(m.getCompletionId()).set("result", m.hasFailure() ? failure(m.getFailure())
                        : m.hasValue() ? success(m.getValue().getContent()) : unit(VOID));
            }
            case COMPLETE_PROMISE_COMPLETION -> {
                var m = (CompletePromiseCompletionNotificationMessage) message;
                yield withId(m.getCompletionId()).set("result", m.hasFailure() ? failure(m.getFailure()) : unit(VOID));
            }
            case SLEEP_COMPLETION -> withId(((SleepCompletionNotificationMessage) message).getCompletionId());
            case CALL_INVOCATION_ID_COMPLETION -> {
                var m = (CallInvocationIdCompletionNotificationMessage) message;
                yield withId(m.getCompletionId()).put("invocation_id", m.getInvocationId());
            }
            case CALL_COMPLETION -> {
                var m = (CallCompletionNotificationMessage) message;
                yield withId(m.getCompletionId()).set("result", m.hasFailure() ? failure(m.getFailure()) : success(m.getValue().getContent()));
            }
            case RUN_COMPLETION -> {
                var m = (RunCompletionNotificationMessage) message;
                yield withId(m.getCompletionId()).set("result", m.hasFailure() ? failure(m.getFailure()) : success(m.getValue().getContent()));
            }
            case ATTACH_INVOCATION_COMPLETION -> {
                var m = (AttachInvocationCompletionNotificationMessage) message;
                yield withId(m.getCompletionId()).set("result", m.hasFailure() ? failure(m.getFailure()) : success(m.getValue().getContent()));
            }
            case GET_INVOCATION_OUTPUT_COMPLETION -> {
                var m = (GetInvocationOutputCompletionNotificationMessage) message;
                yield withId(m.getCompletionId()).set("result", m.hasFailure() ? failure(m.getFailure())
                        : m.hasValue() ? success(m.getValue().getContent()) : unit(VOID));
            }
            default -> null;
        };
        return Optional.ofNullable(body);
    }

    private static ObjectNode withId(int completionId) {
        return NODES.objectNode().put("completion_id", Integer.toUnsignedLong(completionId));
    }

    private static ObjectNode signal(SignalNotificationMessage m) {
        ObjectNode body = NODES.objectNode();
        body.set("id", m.hasName() ? tagged("Name", NODES.textNode(m.getName())) : tagged("Index", NODES.numberNode(Integer.toUnsignedLong(m.getIdx()))));
        body.set("result", m.hasFailure() ? failure(m.getFailure()) : m.hasValue() ? success(m.getValue().getContent()) : unit(VOID));
        return body;
    }

    /** The model's completion variant: the type's name without its {@code _COMPLETION} suffix, in camel case. */
    private static String completionName(MessageType type) {
        return EntryJsonValues.variant(type.name().substring(0, type.name().length() - "_COMPLETION".length()));
    }
}
