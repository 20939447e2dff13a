package dev.resolute.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.resolute.worker.protocol.pb.Protocol;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Our protocol.proto against the protocol's tables (restate-protocol.md §1.4, §1.5), transcribed here a second
 * time: type ids, field names, numbers and types. Only these reach the wire, and a slip in one of them would
 * round-trip fine in our own tests yet garble what an SDK reads. Field types: {@code *} = repeated.
 */
class WireContractTest {
    private static final String MESSAGES = """
            0x0000 StartMessage id=1:bytes debug_id=2:string known_entries=3:uint32 state_map=4:*StateEntry partial_state=5:bool key=6:string retry_count_since_last_stored_entry=7:uint32 duration_since_last_stored_entry=8:uint64 random_seed=9:uint64 scope=10:string limit_key=11:string idempotency_key=12:string
            0x0001 SuspensionMessage waiting_completions=1:*uint32 waiting_signals=2:*uint32 waiting_named_signals=3:*string awaiting_on=4:Future
            0x0002 ErrorMessage code=1:uint32 message=2:string stacktrace=3:string related_command_index=4:uint32 related_command_name=5:string related_command_type=6:uint32 next_retry_delay=8:uint64 behavior=9:ErrorBehavior
            0x0003 EndMessage
            0x0004 CommandAckMessage command_index=1:uint32
            0x0005 ProposeRunCompletionMessage result_completion_id=1:uint32 value=14:bytes failure=15:Failure
            0x0006 AwaitingOnMessage awaiting_on=1:Future executing_side_effects=2:bool
            0x0007 ProposeRunCompletionAckMessage completion_id=1:uint32
            0x0400 InputCommandMessage headers=1:*Header value=14:Value name=12:string
            0x0401 OutputCommandMessage value=14:Value failure=15:Failure name=12:string
            0x0402 GetLazyStateCommandMessage key=1:bytes result_completion_id=11:uint32 name=12:string
            0x8002 GetLazyStateCompletionNotificationMessage completion_id=1:uint32 void=4:Void value=5:Value
            0x0403 SetStateCommandMessage key=1:bytes value=3:Value name=12:string
            0x0404 ClearStateCommandMessage key=1:bytes name=12:string
            0x0405 ClearAllStateCommandMessage name=12:string
            0x0406 GetLazyStateKeysCommandMessage result_completion_id=11:uint32 name=12:string
            0x8006 GetLazyStateKeysCompletionNotificationMessage completion_id=1:uint32 state_keys=17:StateKeys
            0x0407 GetEagerStateCommandMessage key=1:bytes void=13:Void value=14:Value name=12:string
            0x0408 GetEagerStateKeysCommandMessage value=14:StateKeys name=12:string
            0x0409 GetPromiseCommandMessage key=1:string result_completion_id=11:uint32 name=12:string
            0x8009 GetPromiseCompletionNotificationMessage completion_id=1:uint32 value=5:Value failure=6:Failure
            0x040A PeekPromiseCommandMessage key=1:string result_completion_id=11:uint32 name=12:string
            0x800A PeekPromiseCompletionNotificationMessage completion_id=1:uint32 void=4:Void value=5:Value failure=6:Failure
            0x040B CompletePromiseCommandMessage key=1:string completion_value=2:Value completion_failure=3:Failure result_completion_id=11:uint32 name=12:string
            0x800B CompletePromiseCompletionNotificationMessage completion_id=1:uint32 void=4:Void failure=6:Failure
            0x040C SleepCommandMessage wake_up_time=1:uint64 result_completion_id=11:uint32 name=12:string
            0x800C SleepCompletionNotificationMessage completion_id=1:uint32 void=4:Void
            0x040D CallCommandMessage service_name=1:string handler_name=2:string parameter=3:bytes headers=4:*Header key=5:string idempotency_key=6:string scope=7:string limit_key=8:string invocation_id_notification_idx=10:uint32 result_completion_id=11:uint32 name=12:string
            0x800E CallInvocationIdCompletionNotificationMessage completion_id=1:uint32 invocation_id=16:string
            0x800D CallCompletionNotificationMessage completion_id=1:uint32 value=5:Value failure=6:Failure
            0x040E OneWayCallCommandMessage service_name=1:string handler_name=2:string parameter=3:bytes invoke_time=4:uint64 headers=5:*Header key=6:string idempotency_key=7:string scope=8:string limit_key=9:string invocation_id_notification_idx=10:uint32 name=12:string
            0x0410 SendSignalCommandMessage target_invocation_id=1:string idx=2:uint32 name=3:string void=4:Void value=5:Value failure=6:Failure entry_name=12:string
            0x0411 RunCommandMessage result_completion_id=11:uint32 name=12:string
            0x8011 RunCompletionNotificationMessage completion_id=1:uint32 value=5:Value failure=6:Failure
            0x0412 AttachInvocationCommandMessage invocation_id=1:string idempotent_request_target=3:IdempotentRequestTarget workflow_target=4:WorkflowTarget result_completion_id=11:uint32 name=12:string
            0x8012 AttachInvocationCompletionNotificationMessage completion_id=1:uint32 value=5:Value failure=6:Failure
            0x0413 GetInvocationOutputCommandMessage invocation_id=1:string idempotent_request_target=3:IdempotentRequestTarget workflow_target=4:WorkflowTarget result_completion_id=11:uint32 name=12:string
            0x8013 GetInvocationOutputCompletionNotificationMessage completion_id=1:uint32 void=4:Void value=5:Value failure=6:Failure
            0x0414 CompleteAwakeableCommandMessage awakeable_id=1:string value=2:Value failure=3:Failure name=12:string
            0xFBFF SignalNotificationMessage idx=2:uint32 name=3:string void=4:Void value=5:Value failure=6:Failure
            """;

    private static final String NESTED = """
            StartMessage.StateEntry key=1:bytes value=2:bytes
            Value content=1:bytes
            Failure code=1:uint32 message=2:string metadata=3:*FailureMetadata
            FailureMetadata key=1:string value=2:string
            Header key=1:string value=2:string
            StateKeys keys=1:*bytes
            Void
            WorkflowTarget workflow_name=1:string workflow_key=2:string scope=3:string
            IdempotentRequestTarget service_name=1:string service_key=2:string handler_name=3:string idempotency_key=4:string scope=5:string
            Future waiting_completions=1:*uint32 waiting_signals=2:*uint32 waiting_named_signals=3:*string nested_futures=4:*Future combinator_type=5:CombinatorType
            """;

    private static final String ENUMS = """
            ErrorBehavior RETRY=0 PAUSE=1 FAIL=2
            CombinatorType COMBINATOR_TYPE_UNKNOWN=0 FIRST_COMPLETED=1 ALL_COMPLETED=2 FIRST_SUCCEEDED_OR_ALL_FAILED=3 ALL_SUCCEEDED_OR_FIRST_FAILED=4
            BuiltInSignal SIGNAL_UNKNOWN=0 CANCEL=1
            """;

    private static final FileDescriptor FILE = Protocol.getDescriptor();

    @Test
    void everyFrameHasItsTypeIdAndFields() {
        Map<String, Integer> expectedIds = new TreeMap<>();
        for (String line : MESSAGES.strip().split("\n")) {
            String[] words = line.strip().split(" ", 3);
            Descriptor message = FILE.findMessageTypeByName(words[1]);
            assertThat(message).as(words[1]).isNotNull();
            assertThat(fields(message)).as(words[1]).isEqualTo(spec(words.length > 2 ? words[2] : ""));
            expectedIds.put(words[1], Integer.decode(words[0]));
        }
        Map<String, Integer> actualIds = Arrays.stream(MessageType.values())
                .collect(Collectors.toMap(t -> t.messageClass().getSimpleName(), MessageType::id, (a, b) -> a, TreeMap::new));
        assertThat(actualIds).isEqualTo(expectedIds);
    }

    @Test
    void nestedMessagesHaveTheirFields() {
        for (String line : NESTED.strip().split("\n")) {
            String[] words = line.strip().split(" ", 2);
            String[] path = words[0].split("\\.");
            Descriptor message = FILE.findMessageTypeByName(path[0]);
            for (int i = 1; i < path.length; i++) {
                message = message.findNestedTypeByName(path[i]);
            }
            assertThat(fields(message)).as(words[0]).isEqualTo(spec(words.length > 1 ? words[1] : ""));
        }
    }

    @Test
    void enumsHaveTheirNumbers() {
        for (String line : ENUMS.strip().split("\n")) {
            String[] words = line.strip().split(" ", 2);
            EnumDescriptor type = FILE.findEnumTypeByName(words[0]);
            Map<String, String> actual = new LinkedHashMap<>();
            for (EnumValueDescriptor value : type.getValues()) {
                actual.put(value.getName(), String.valueOf(value.getNumber()));
            }
            assertThat(actual).as(words[0]).isEqualTo(spec(words[1]));
        }
    }

    @Test
    void everyTopLevelFrameMessageIsInTheTypeTable() {
        var frames = FILE.getMessageTypes().stream().map(Descriptor::getName).filter(n -> n.endsWith("Message")).sorted().toList();
        var typed = Arrays.stream(MessageType.values()).map(t -> t.messageClass().getSimpleName()).sorted().toList();
        assertThat(typed).isEqualTo(frames);
    }

    @Test
    void eachKnownTypeLiesInItsKindsIdRange() {
        for (MessageType type : MessageType.values()) {
            assertThat(MessageType.kindOf(type.id())).as(type.name()).isEqualTo(type.kind());
            assertThat(MessageType.of(type.id())).contains(type);
        }
    }

    /** name → "number:type" as declared in the descriptor. */
    private static Map<String, String> fields(Descriptor message) {
        Map<String, String> out = new TreeMap<>();
        for (FieldDescriptor field : message.getFields()) {
            String type = switch (field.getType()) {
                case MESSAGE -> field.getMessageType().getName();
                case ENUM -> field.getEnumType().getName();
                default -> field.getType().name().toLowerCase(java.util.Locale.ROOT);
            };
            out.put(field.getName(), field.getNumber() + ":" + (field.isRepeated() ? "*" : "") + type);
        }
        return out;
    }

    private static Map<String, String> spec(String words) {
        Map<String, String> out = new TreeMap<>();
        for (String word : words.isBlank() ? new String[0] : words.strip().split(" +")) {
            String[] kv = word.split("=", 2);
            out.put(kv[0], kv[1]);
        }
        return out;
    }
}
