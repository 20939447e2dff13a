package dev.resolute.worker.introspection;

import static dev.resolute.worker.introspection.FsmDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.pb.CompletePromiseCommandMessage;
import dev.resolute.worker.protocol.pb.Failure;
import dev.resolute.worker.protocol.pb.GetPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.SendSignalCommandMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.SleepCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.protocol.pb.Void;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal, state, promise, idempotency and journal-event tables: their columns and value formats. */
class EngineTablesTest {
    @TempDir
    Path dir;
    private OpenStore store;
    private FsmDriver fsm;

    @BeforeEach
    void open() {
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        fsm = new FsmDriver(store.storage());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Value value(String text) {
        return Value.newBuilder().setContent(ByteString.copyFromUtf8(text)).build();
    }

    @Test
    void journalRowsShowTheV2TypeNameRawBytesAndTimes() {
        byte[] id = fsm.invoke(FsmDriver.object("Counter", "a", "add"));
        long appended = fsm.now += 7;
        SetStateCommandMessage set = SetStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("count"))
                .setValue(value("1")).setName("save").build();
        fsm.frames(id, null, frame(set), frame(SleepCommandMessage.newBuilder().setWakeUpTime(fsm.now + 1000).setResultCompletionId(1).build()),
                frame(SendSignalCommandMessage.newBuilder().setTargetInvocationId(InvocationId.fromBytes(id).toString()).setIdx(17)
                        .setVoid(Void.getDefaultInstance()).setEntryName("poke").build()));

        List<Map<String, Object>> journal = fsm.rows("sys_journal", new ScanFilter(Map.of("id", List.of(InvocationId.fromBytes(id).toString()))));
        assertThat(journal).extracting(r -> r.get("entry_type"))
                .containsExactly("Command: Input", "Command: SetState", "Command: Sleep", "Command: SendSignal", "Notification: Signal");
        assertThat(journal).extracting(r -> r.get("index")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(journal).extracting(r -> r.get("name")).as("commands have names, notifications none")
                .containsExactly("", "save", "", "poke", null);
        assertThat(journal).allSatisfy(r -> assertThat(r).containsEntry("version", 2L)
                .containsEntry("partition_key", PartitionKeys.of("a")).containsEntry("id", InvocationId.fromBytes(id).toString())
                .doesNotContainKeys("completed", "invoked_id", "invoked_target", "sleep_wakeup_at", "promise_name"));
        assertThat(journal).allSatisfy(r -> assertThat(r).containsKeys("entry_json", "entry_lite_json"));
        assertThat(journal.get(1)).containsEntry("raw_length", (long) set.toByteArray().length)
                .containsEntry("appended_at", Instant.ofEpochMilli(appended));
        assertThat((byte[]) journal.get(1).get("raw")).isEqualTo(set.toByteArray());
    }

    @Test
    void stateShowsKeysAndValuesAsTextWhenTheyAreUtf8() {
        byte[] id = fsm.invoke(FsmDriver.object("Counter", "a", "add"));
        fsm.frames(id, null, frame(SetStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("count")).setValue(value("{\"n\":1}")).build()),
                frame(SetStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("blob"))
                        .setValue(Value.newBuilder().setContent(ByteString.copyFrom(new byte[] {(byte) 0xC3, 0x28}))).build()));
        fsm.end(id, "done");

        List<Map<String, Object>> state = fsm.rows("state");
        assertThat(state).extracting(r -> r.get("key")).containsExactly("blob", "count");
        assertThat(state.get(1)).containsEntry("partition_key", PartitionKeys.of("a")).containsEntry("service_name", "Counter")
                .containsEntry("service_key", "a").containsEntry("key_length", 5L).containsEntry("value_utf8", "{\"n\":1}")
                .containsEntry("value_length", 7L).doesNotContainKey("scope");
        assertThat(state.get(0)).doesNotContainKey("value_utf8").containsEntry("value_length", 2L);
        assertThat((byte[]) state.get(0).get("value")).containsExactly(0xC3, 0x28);
    }

    @Test
    void promisesShowWhetherTheyAreCompletedAndWithWhat() {
        Target run = FsmDriver.workflow("Signup", "u1", "run", HandlerKind.WORKFLOW_RUN);
        byte[] id = fsm.invoke(run, Invoke.newBuilder().setInvocationId(ByteString.copyFrom(InvocationId.forWorkflowRun("Signup", "u1").toBytes())));
        fsm.frames(id, null, frame(GetPromiseCommandMessage.newBuilder().setKey("approval").setResultCompletionId(1).build()),
                frame(CompletePromiseCommandMessage.newBuilder().setKey("email").setCompletionValue(value("sent")).setResultCompletionId(2).build()),
                frame(CompletePromiseCommandMessage.newBuilder().setKey("fraud").setCompletionFailure(Failure.newBuilder().setCode(400).setMessage("flagged"))
                        .setResultCompletionId(3).build()));

        assertThat(fsm.row("sys_promise", "key", "approval")).containsEntry("completed", false).containsEntry("service_name", "Signup")
                .containsEntry("service_key", "u1").containsEntry("partition_key", PartitionKeys.of("u1"))
                .doesNotContainKeys("completion_success_value", "completion_failure", "scope");
        assertThat(fsm.row("sys_promise", "key", "email")).containsEntry("completed", true).containsEntry("completion_success_value_utf8", "sent");
        assertThat(fsm.row("sys_promise", "key", "fraud")).containsEntry("completed", true).containsEntry("completion_failure", "[400] flagged");
        assertThat(fsm.row("sys_invocation_status", "target", "Signup/u1/run")).containsEntry("target_service_ty", "workflow");
    }

    @Test
    void idempotentRequestsAreListedWithTheirKey() {
        byte[] id = fsm.invoke(FsmDriver.service("Payments", "pay"), Invoke.newBuilder().setIdempotencyKey("order-1")
                .setInvocationId(ByteString.copyFrom(InvocationId.forIdempotentRequest("Payments", java.util.Optional.empty(), "pay", "order-1").toBytes())));
        fsm.invoke(FsmDriver.service("Payments", "pay"));

        assertThat(fsm.rows("sys_idempotency")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("service_name", "Payments").containsEntry("service_handler", "pay").containsEntry("idempotency_key", "order-1")
                .containsEntry("invocation_id", InvocationId.fromBytes(id).toString()).containsEntry("partition_key", PartitionKeys.of("order-1"))
                .doesNotContainKey("service_key"));
        assertThat(fsm.row("sys_invocation_status", "idempotency_key", "order-1")).containsEntry("id", InvocationId.fromBytes(id).toString());
    }

    @Test
    void journalEventsHaveRestatesColumnsAndNoRows() {
        fsm.invoke(FsmDriver.service("Greeter", "greet"));
        assertThat(fsm.table("sys_journal_events").columns()).extracting(c -> c.name())
                .containsExactly("partition_key", "id", "after_journal_entry_index", "appended_at", "event_type", "event_json");
        assertThat(fsm.rows("sys_journal_events")).isEmpty();
    }
}
