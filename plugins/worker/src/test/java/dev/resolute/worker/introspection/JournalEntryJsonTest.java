package dev.resolute.worker.introspection;

import static dev.resolute.worker.introspection.FsmDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.ids.AwakeableId;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.pb.AttachInvocationCommandMessage;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.ClearAllStateCommandMessage;
import dev.resolute.worker.protocol.pb.ClearStateCommandMessage;
import dev.resolute.worker.protocol.pb.CompleteAwakeableCommandMessage;
import dev.resolute.worker.protocol.pb.CompletePromiseCommandMessage;
import dev.resolute.worker.protocol.pb.Failure;
import dev.resolute.worker.protocol.pb.GetEagerStateCommandMessage;
import dev.resolute.worker.protocol.pb.GetEagerStateKeysCommandMessage;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCommandMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateCommandMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateKeysCommandMessage;
import dev.resolute.worker.protocol.pb.GetPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.Header;
import dev.resolute.worker.protocol.pb.OneWayCallCommandMessage;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.PeekPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.ProposeRunCompletionMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.SendSignalCommandMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.SleepCommandMessage;
import dev.resolute.worker.protocol.pb.StateKeys;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.protocol.pb.Void;
import dev.resolute.worker.protocol.pb.WorkflowTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sys_journal.entry_json}: each entry type as Restate's journal model writes it, which the official CLI reads. */
class JournalEntryJsonTest {
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

    /** The invocation's entry_json values in index order, its own and its peers' ids named. */
    private List<String> journal(byte[] id, Map<String, String> names) {
        return journal(id, names, "entry_json");
    }

    private List<String> journal(byte[] id, Map<String, String> names, String column) {
        return fsm.rows("sys_journal", new ScanFilter(Map.of("id", List.of(InvocationId.fromBytes(id).toString())))).stream()
                .map(r -> {
                    String json = (String) r.get(column);
                    for (Map.Entry<String, String> name : names.entrySet()) {
                        json = json.replace(name.getKey(), name.getValue());
                    }
                    return json;
                }).toList();
    }

    private static final String NO_TRACE = "\"span_context\":{\"span_context\":{\"trace_id\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],"
            + "\"span_id\":[0,0,0,0,0,0,0,0],\"trace_flags\":0,\"is_remote\":false,\"trace_state\":\"\"},\"cause\":null}";

    @Test
    void everyCommandAndNotificationOfAnObjectIsWrittenAsRestatesJournalModel() {
        byte[] other = fsm.invoke(FsmDriver.service("Svc", "other"));
        String otherId = InvocationId.fromBytes(other).toString();
        byte[] id = fsm.invoke(FsmDriver.object("Counter", "a", "add"));
        String selfId = InvocationId.fromBytes(id).toString();
        String awakeable = AwakeableId.signal(InvocationId.fromBytes(other), 17).toString();
        fsm.frames(id, null,
                frame(SetStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("count")).setValue(value("1")).setName("save").build()),
                frame(GetEagerStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("none")).setVoid(Void.getDefaultInstance()).build()),
                frame(GetEagerStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("count")).setValue(value("1")).build()),
                frame(GetEagerStateKeysCommandMessage.newBuilder().setValue(StateKeys.newBuilder().addKeys(ByteString.copyFromUtf8("count"))).build()),
                frame(GetLazyStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("count")).setResultCompletionId(1).build()),
                frame(GetLazyStateKeysCommandMessage.newBuilder().setResultCompletionId(2).build()),
                frame(ClearStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("count")).build()),
                frame(ClearAllStateCommandMessage.newBuilder().build()),
                frame(SleepCommandMessage.newBuilder().setWakeUpTime(1_800_000_000_000L).setResultCompletionId(3).setName("nap").build()),
                frame(RunCommandMessage.newBuilder().setResultCompletionId(4).setName("fetch").build()),
                frame(ProposeRunCompletionMessage.newBuilder().setResultCompletionId(4).setValue(ByteString.copyFromUtf8("42")).build()),
                frame(SendSignalCommandMessage.newBuilder().setTargetInvocationId(selfId).setName("go").setValue(value("v")).setEntryName("poke").build()),
                frame(CompleteAwakeableCommandMessage.newBuilder().setAwakeableId(awakeable)
                        .setFailure(Failure.newBuilder().setCode(500).setMessage("no")).build()),
                frame(AttachInvocationCommandMessage.newBuilder().setWorkflowTarget(WorkflowTarget.newBuilder().setWorkflowName("Flow").setWorkflowKey("w"))
                        .setResultCompletionId(5).build()),
                frame(GetInvocationOutputCommandMessage.newBuilder().setInvocationId(otherId).setResultCompletionId(6).build()));
        fsm.frames(id, FsmDriver.object("Other", "b", "run"), frame(CallCommandMessage.newBuilder().setServiceName("Other").setKey("b")
                .setHandlerName("run").setParameter(ByteString.copyFromUtf8("p")).addHeaders(Header.newBuilder().setKey("h").setValue("v"))
                .setInvocationIdNotificationIdx(7).setResultCompletionId(8).setName("ask").build()));
        fsm.frames(id, FsmDriver.service("Svc", "go"), frame(OneWayCallCommandMessage.newBuilder().setServiceName("Svc").setHandlerName("go")
                .setInvokeTime(1_800_000_000_000L).setIdempotencyKey("k").setInvocationIdNotificationIdx(9).build()));
        fsm.frames(id, null, frame(OutputCommandMessage.newBuilder().setFailure(Failure.newBuilder().setCode(418).setMessage("teapot")).build()));

        List<Map<String, Object>> rows = fsm.rows("sys_journal", new ScanFilter(Map.of("id", List.of(selfId))));
        String callee = calleeOf(rows, 22);
        String sent = calleeOf(rows, 24);
        assertThat(journal(id, Map.of(selfId, "<self>", otherId, "<other>", awakeable, "<awakeable>", callee, "<callee>", sent, "<sent>"))).containsExactly(
                "{\"Command\":{\"Input\":{\"headers\":[],\"payload\":[105,110],\"name\":\"\"}}}",
                "{\"Command\":{\"SetState\":{\"key\":\"count\",\"value\":[49],\"name\":\"save\"}}}",
                "{\"Command\":{\"GetEagerState\":{\"key\":\"none\",\"result\":\"Void\",\"name\":\"\"}}}",
                "{\"Command\":{\"GetEagerState\":{\"key\":\"count\",\"result\":{\"Success\":[49]},\"name\":\"\"}}}",
                "{\"Command\":{\"GetEagerStateKeys\":{\"state_keys\":[\"count\"],\"name\":\"\"}}}",
                "{\"Command\":{\"GetLazyState\":{\"key\":\"count\",\"completion_id\":1,\"name\":\"\"}}}",
                "{\"Notification\":{\"Completion\":{\"GetLazyState\":{\"completion_id\":1,\"result\":{\"Success\":[49]}}}}}",
                "{\"Command\":{\"GetLazyStateKeys\":{\"completion_id\":2,\"name\":\"\"}}}",
                "{\"Notification\":{\"Completion\":{\"GetLazyStateKeys\":{\"completion_id\":2,\"state_keys\":[\"count\"]}}}}",
                "{\"Command\":{\"ClearState\":{\"key\":\"count\",\"name\":\"\"}}}",
                "{\"Command\":{\"ClearAllState\":{\"name\":\"\"}}}",
                "{\"Command\":{\"Sleep\":{\"wake_up_time\":1800000000000,\"completion_id\":3,\"name\":\"nap\"}}}",
                "{\"Command\":{\"Run\":{\"completion_id\":4,\"name\":\"fetch\"}}}",
                "{\"Notification\":{\"Completion\":{\"Run\":{\"completion_id\":4,\"result\":{\"Success\":[52,50]}}}}}",
                "{\"Command\":{\"SendSignal\":{\"target_invocation_id\":\"<self>\",\"signal_id\":{\"Name\":\"go\"},\"result\":{\"Success\":[118]},\"name\":\"poke\"}}}",
                "{\"Command\":{\"CompleteAwakeable\":{\"id\":\"<awakeable>\",\"result\":{\"Failure\":{\"code\":500,\"message\":\"no\"}},\"name\":\"\"}}}",
                "{\"Command\":{\"AttachInvocation\":{\"target\":{\"Workflow\":{\"service_name\":\"Flow\",\"key\":\"w\",\"partition_key\":"
                        + Long.toUnsignedString(PartitionKeys.of("w")) + ",\"scope\":null}},\"completion_id\":5,\"name\":\"\"}}}",
                "{\"Command\":{\"GetInvocationOutput\":{\"target\":{\"InvocationId\":\"<other>\"},\"completion_id\":6,\"name\":\"\"}}}",
                "{\"Notification\":{\"Signal\":{\"id\":{\"Name\":\"go\"},\"result\":{\"Success\":[118]}}}}",
                "{\"Notification\":{\"Completion\":{\"AttachInvocation\":{\"completion_id\":5,\"result\":{\"Failure\":{\"code\":404,\"message\":\"invocation not found\"}}}}}}",
                "{\"Notification\":{\"Completion\":{\"GetInvocationOutput\":{\"completion_id\":6,\"result\":\"Void\"}}}}",
                "{\"Command\":{\"Call\":{\"request\":{\"invocation_id\":\"<callee>\",\"invocation_target\":{\"VirtualObject\":{\"name\":\"Other\",\"key\":\"b\","
                        + "\"handler\":\"run\",\"handler_ty\":\"Exclusive\",\"scope\":null}}," + NO_TRACE + ",\"parameter\":[112],"
                        + "\"headers\":[{\"name\":\"h\",\"value\":\"v\"}],\"idempotency_key\":null,\"completion_retention_duration\":{\"secs\":0,\"nanos\":0},"
                        + "\"journal_retention_duration\":{\"secs\":0,\"nanos\":0}},\"invocation_id_completion_id\":7,\"result_completion_id\":8,\"name\":\"ask\"}}}",
                "{\"Notification\":{\"Completion\":{\"CallInvocationId\":{\"completion_id\":7,\"invocation_id\":\"<callee>\"}}}}",
                "{\"Command\":{\"OneWayCall\":{\"request\":{\"invocation_id\":\"<sent>\",\"invocation_target\":{\"Service\":{\"name\":\"Svc\",\"handler\":\"go\","
                        + "\"scope\":null}}," + NO_TRACE + ",\"parameter\":[],\"headers\":[],\"idempotency_key\":\"k\","
                        + "\"completion_retention_duration\":{\"secs\":0,\"nanos\":0},\"journal_retention_duration\":{\"secs\":0,\"nanos\":0}},"
                        + "\"invoke_time\":1800000000000,\"invocation_id_completion_id\":9,\"name\":\"\"}}}",
                "{\"Notification\":{\"Completion\":{\"CallInvocationId\":{\"completion_id\":9,\"invocation_id\":\"<sent>\"}}}}",
                "{\"Command\":{\"Output\":{\"result\":{\"Failure\":{\"code\":418,\"message\":\"teapot\"}},\"name\":\"\"}}}");

        List<String> lite = journal(id, Map.of(selfId, "<self>", otherId, "<other>", awakeable, "<awakeable>", callee, "<callee>", sent, "<sent>"),
                "entry_lite_json");
        assertThat(lite).as("the lite model: no payloads, results by kind, empty names left out").hasSize(26)
                .contains("{\"Command\":{\"Input\":{}}}",
                        "{\"Command\":{\"SetState\":{\"key\":\"count\"}}}",
                        "{\"Command\":{\"GetEagerState\":{\"key\":\"count\",\"result\":\"Success\"}}}",
                        "{\"Notification\":{\"ty\":{\"Completion\":\"GetLazyStateKeys\"},\"id\":{\"CompletionId\":2},\"result\":\"StateKeys\"}}",
                        "{\"Command\":{\"Sleep\":{\"wake_up_time\":1800000000000,\"completion_id\":3,\"name\":\"nap\"}}}",
                        "{\"Command\":{\"SendSignal\":{\"target_invocation_id\":\"<self>\",\"signal_id\":{\"Name\":\"go\"},\"result\":\"Success\"}}}",
                        "{\"Notification\":{\"ty\":\"Signal\",\"id\":{\"SignalName\":\"go\"},\"result\":\"Success\"}}",
                        "{\"Command\":{\"Call\":{\"invocation_id\":\"<callee>\",\"invocation_target\":{\"VirtualObject\":{\"name\":\"Other\",\"key\":\"b\","
                                + "\"handler\":\"run\",\"handler_ty\":\"Exclusive\",\"scope\":null}},\"invocation_id_completion_id\":7,\"result_completion_id\":8,"
                                + "\"name\":\"ask\"}}}",
                        "{\"Notification\":{\"ty\":{\"Completion\":\"CallInvocationId\"},\"id\":{\"CompletionId\":7},\"result\":\"InvocationId\"}}",
                        "{\"Command\":{\"CompleteAwakeable\":{\"id\":\"<awakeable>\",\"result\":\"Failure\"}}}",
                        "{\"Command\":{\"Output\":{\"result\":\"Failure\"}}}");
    }

    /** The callee id a CallInvocationId notification (at {@code index}) holds: the engine derived it. */
    private static String calleeOf(List<Map<String, Object>> rows, int index) {
        String json = (String) rows.get(index).get("entry_json");
        int at = json.indexOf("inv_");
        return json.substring(at, json.indexOf('"', at));
    }

    @Test
    void aWorkflowsPromisesShowTheirKeysAndResults() {
        byte[] wf = fsm.invoke(FsmDriver.workflow("Flow", "w", "run", HandlerKind.WORKFLOW_RUN));
        fsm.frames(wf, null, frame(GetPromiseCommandMessage.newBuilder().setKey("p").setResultCompletionId(1).build()),
                frame(PeekPromiseCommandMessage.newBuilder().setKey("p").setResultCompletionId(2).build()),
                frame(CompletePromiseCommandMessage.newBuilder().setKey("p").setCompletionValue(value("done")).setResultCompletionId(3).build()));

        assertThat(journal(wf, Map.of())).containsExactly(
                "{\"Command\":{\"Input\":{\"headers\":[],\"payload\":[105,110],\"name\":\"\"}}}",
                "{\"Command\":{\"GetPromise\":{\"key\":\"p\",\"completion_id\":1,\"name\":\"\"}}}",
                "{\"Command\":{\"PeekPromise\":{\"key\":\"p\",\"completion_id\":2,\"name\":\"\"}}}",
                "{\"Notification\":{\"Completion\":{\"PeekPromise\":{\"completion_id\":2,\"result\":\"Void\"}}}}",
                "{\"Command\":{\"CompletePromise\":{\"key\":\"p\",\"value\":{\"Success\":[100,111,110,101]},\"completion_id\":3,\"name\":\"\"}}}",
                "{\"Notification\":{\"Completion\":{\"GetPromise\":{\"completion_id\":1,\"result\":{\"Success\":[100,111,110,101]}}}}}",
                "{\"Notification\":{\"Completion\":{\"CompletePromise\":{\"completion_id\":3,\"result\":\"Void\"}}}}");
    }
}
