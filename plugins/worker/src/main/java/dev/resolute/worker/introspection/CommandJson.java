package dev.resolute.worker.introspection;

import static dev.resolute.worker.introspection.EntryJsonValues.NODES;
import static dev.resolute.worker.introspection.EntryJsonValues.VOID;
import static dev.resolute.worker.introspection.EntryJsonValues.bytes;
import static dev.resolute.worker.introspection.EntryJsonValues.failure;
import static dev.resolute.worker.introspection.EntryJsonValues.headers;
import static dev.resolute.worker.introspection.EntryJsonValues.keys;
import static dev.resolute.worker.introspection.EntryJsonValues.success;
import static dev.resolute.worker.introspection.EntryJsonValues.tagged;
import static dev.resolute.worker.introspection.EntryJsonValues.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.AttachInvocationCommandMessage;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.ClearAllStateCommandMessage;
import dev.resolute.worker.protocol.pb.ClearStateCommandMessage;
import dev.resolute.worker.protocol.pb.CompleteAwakeableCommandMessage;
import dev.resolute.worker.protocol.pb.CompletePromiseCommandMessage;
import dev.resolute.worker.protocol.pb.GetEagerStateCommandMessage;
import dev.resolute.worker.protocol.pb.GetEagerStateKeysCommandMessage;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCommandMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateCommandMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateKeysCommandMessage;
import dev.resolute.worker.protocol.pb.GetPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.InputCommandMessage;
import dev.resolute.worker.protocol.pb.OneWayCallCommandMessage;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.PeekPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.SendSignalCommandMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.SleepCommandMessage;
import java.util.Optional;

/**
 * A command as Restate's journal model writes it: {@code {"Command": {"Sleep": {"wake_up_time": …, "completion_id":
 * 1, "name": ""}}}}, field names and order as the model declares them. A call's request shows what the command does
 * not hold (the callee's id and handler type), from {@link CallRequestJson}.
 */
final class CommandJson {
    private CommandJson() {
    }

    /** The command's JSON tree, or nothing for a type that is not a command or a call whose callee is unknown. */
    static Optional<JsonNode> of(MessageType type, Message message, CallRequestJson.Callees callees) {
        return body(type, message, callees)
                .map(body -> tagged("Command", tagged(EntryJsonValues.variant(type.name().substring(0, type.name().length() - "_COMMAND".length())), body)));
    }

    private static Optional<ObjectNode> body(MessageType type, Message message, CallRequestJson.Callees callees) {
        ObjectNode body = NODES.objectNode();
        switch (type) {
            case INPUT_COMMAND -> {
                var m = (InputCommandMessage) message;
                body.set("headers", headers(m.getHeadersList()));
                body.set("payload", bytes(m.getValue().getContent()));
                body.put("name", m.getName());
            }
            case OUTPUT_COMMAND -> {
                var m = (OutputCommandMessage) message;
                body.set("result", m.hasFailure() ? failure(m.getFailure()) : success(m.getValue().getContent()));
                body.put("name", m.getName());
            }
            case GET_LAZY_STATE_COMMAND -> {
                var m = (GetLazyStateCommandMessage) message;
                body.put("key", m.getKey().toStringUtf8()).put("completion_id", unsigned(m.getResultCompletionId())).put("name", m.getName());
            }
            case SET_STATE_COMMAND -> {
                var m = (SetStateCommandMessage) message;
                body.put("key", m.getKey().toStringUtf8());
                body.set("value", bytes(m.getValue().getContent()));
                body.put("name", m.getName());
            }
            case CLEAR_STATE_COMMAND -> {
                var m = (ClearStateCommandMessage) message;
                body.put("key", m.getKey().toStringUtf8()).put("name", m.getName());
            }
            case CLEAR_ALL_STATE_COMMAND -> body.put("name", ((ClearAllStateCommandMessage) message).getName());
            case GET_LAZY_STATE_KEYS_COMMAND -> {
                var m = (GetLazyStateKeysCommandMessage) message;
                body.put("completion_id", unsigned(m.getResultCompletionId())).put("name", m.getName());
            }
            case GET_EAGER_STATE_COMMAND -> {
                var m = (GetEagerStateCommandMessage) message;
                body.put("key", m.getKey().toStringUtf8());
                body.set("result", m.hasValue() ? success(m.getValue().getContent()) : unit(VOID));
                body.put("name", m.getName());
            }
            case GET_EAGER_STATE_KEYS_COMMAND -> {
                var m = (GetEagerStateKeysCommandMessage) message;
                body.set("state_keys", keys(m.getValue().getKeysList()));
                body.put("name", m.getName());
            }
            case GET_PROMISE_COMMAND -> {
                var m = (GetPromiseCommandMessage) message;
                body.put("key", m.getKey()).put("completion_id", unsigned(m.getResultCompletionId())).put("name", m.getName());
            }
            case PEEK_PROMISE_COMMAND -> {
                var m = (PeekPromiseCommandMessage) message;
                body.put("key", m.getKey()).put("completion_id", unsigned(m.getResultCompletionId())).put("name", m.getName());
            }
            case COMPLETE_PROMISE_COMMAND -> {
                var m = (CompletePromiseCommandMessage) message;
                body.put("key", m.getKey());
                body.set("value", m.hasCompletionFailure() ? failure(m.getCompletionFailure()) : success(m.getCompletionValue().getContent()));
                body.put("completion_id", unsigned(m.getResultCompletionId())).put("name", m.getName());
            }
            case SLEEP_COMMAND -> {
                var m = (SleepCommandMessage) message;
                body.put("wake_up_time", m.getWakeUpTime()).put("completion_id", unsigned(m.getResultCompletionId())).put("name", m.getName());
            }
            case CALL_COMMAND -> {
                var m = (CallCommandMessage) message;
                Optional<ObjectNode> request = CallRequestJson.of(m, callees);
                if (request.isEmpty()) {
                    return Optional.empty();
                }
                body.set("request", request.get());
                body.put("invocation_id_completion_id", unsigned(m.getInvocationIdNotificationIdx()))
                        .put("result_completion_id", unsigned(m.getResultCompletionId())).put("name", m.getName());
            }
            case ONE_WAY_CALL_COMMAND -> {
                var m = (OneWayCallCommandMessage) message;
                Optional<ObjectNode> request = CallRequestJson.of(m, callees);
                if (request.isEmpty()) {
                    return Optional.empty();
                }
                body.set("request", request.get());
                body.put("invoke_time", m.getInvokeTime()).put("invocation_id_completion_id", unsigned(m.getInvocationIdNotificationIdx()))
                        .put("name", m.getName());
            }
            case SEND_SIGNAL_COMMAND -> {
                var m = (SendSignalCommandMessage) message;
                body.put("target_invocation_id", m.getTargetInvocationId());
                body.set("signal_id", m.hasName() ? tagged("Name", NODES.textNode(m.getName())) : tagged("Index", NODES.numberNode(unsigned(m.getIdx()))));
                body.set("result", m.hasFailure() ? failure(m.getFailure()) : m.hasValue() ? success(m.getValue().getContent()) : unit(VOID));
                body.put("name", m.getEntryName());
            }
            case RUN_COMMAND -> {
                var m = (RunCommandMessage) message;
                body.put("completion_id", unsigned(m.getResultCompletionId())).put("name", m.getName());
            }
            case ATTACH_INVOCATION_COMMAND -> {
                var m = (AttachInvocationCommandMessage) message;
                body.set("target", AttachTargetJson.of(m));
                body.put("completion_id", unsigned(m.getResultCompletionId())).put("name", m.getName());
            }
            case GET_INVOCATION_OUTPUT_COMMAND -> {
                var m = (GetInvocationOutputCommandMessage) message;
                body.set("target", AttachTargetJson.of(m));
                body.put("completion_id", unsigned(m.getResultCompletionId())).put("name", m.getName());
            }
            case COMPLETE_AWAKEABLE_COMMAND -> {
                var m = (CompleteAwakeableCommandMessage) message;
                body.put("id", m.getAwakeableId());
                body.set("result", m.hasFailure() ? failure(m.getFailure()) : success(m.getValue().getContent()));
                body.put("name", m.getName());
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(body);
    }

    private static long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }
}
