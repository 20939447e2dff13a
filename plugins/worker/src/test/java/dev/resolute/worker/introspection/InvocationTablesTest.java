package dev.resolute.worker.introspection;

import static dev.resolute.worker.introspection.FsmDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.Awaiting;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.engine.pb.RestartInvocation;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.fsm.RetryPolicy;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.OneWayCallCommandMessage;
import dev.resolute.worker.protocol.pb.ProposeRunCompletionMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.SleepCommandMessage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The invocation tables' columns and value formats, and sys_invocation's derived status in every phase. */
class InvocationTablesTest {
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

    private static String text(byte[] id) {
        return InvocationId.fromBytes(id).toString();
    }

    private Map<String, Object> invocation(byte[] id) {
        return fsm.row("sys_invocation", "id", text(id));
    }

    private Map<String, Object> status(byte[] id) {
        return fsm.row("sys_invocation_status", "id", text(id));
    }

    @Test
    void aServiceInvocationFromTheIngressShowsItsTargetTimesAndDeployment() {
        long created = fsm.now;
        byte[] id = fsm.invoke(FsmDriver.service("Greeter", "greet"));

        Map<String, Object> row = status(id);
        assertThat(row).containsEntry("partition_key", InvocationId.fromBytes(id).partitionKey())
                .containsEntry("status", "invoked")
                .containsEntry("target", "Greeter/greet")
                .containsEntry("target_service_name", "Greeter")
                .containsEntry("target_handler_name", "greet")
                .containsEntry("target_service_ty", "service")
                .containsEntry("invoked_by", "ingress")
                .containsEntry("pinned_deployment_id", FsmDriver.DEPLOYMENT.getId())
                .containsEntry("pinned_service_protocol_version", 6L)
                .containsEntry("journal_size", 1L)
                .containsEntry("journal_commands_size", 1L)
                .containsEntry("created_at", Instant.ofEpochMilli(created))
                .containsEntry("running_at", Instant.ofEpochMilli(created))
                .doesNotContainKeys("target_service_key", "idempotency_key", "completion_result", "invoked_by_id", "scheduled_at",
                        "trace_id", "created_using_restate_version", "vqueue_id", "scope", "limit_key");
        assertThat((String) row.get("id")).startsWith("inv_1").hasSize(38);
        assertThat(FsmDriver.DEPLOYMENT.getId()).startsWith("dp_");
    }

    @Test
    void derivedStatusIsReadyUntilTheAttemptRunsThenRunning() {
        byte[] id = fsm.invoke(FsmDriver.service("Greeter", "greet"));
        assertThat(invocation(id)).containsEntry("status", "ready").containsEntry("retry_count", 0L);
        assertThat(fsm.row("sys_invocation_state", "id", text(id))).containsEntry("in_flight", false);

        fsm.running.add(ByteBuffer.wrap(id));
        assertThat(invocation(id)).containsEntry("status", "running").containsEntry("last_start_at", Instant.ofEpochMilli(fsm.now));
        assertThat(fsm.row("sys_invocation_state", "id", text(id))).containsEntry("in_flight", true);
    }

    /** restate-server shows the SDK the last attempt talked to (its x-restate-server header), as discovery recorded it. */
    @Test
    void theLastAttemptsServerIsTheSdkItsDeploymentIntroducedItselfAs() {
        FsmDriver withSdk = new FsmDriver(store.storage(), new RetryPolicy(Duration.ofSeconds(1), 2.0, 3, Duration.ofSeconds(10), true),
                deployment -> deployment.equals(FsmDriver.DEPLOYMENT.getId()) ? Optional.of("restate-sdk-typescript/1.17.2") : Optional.empty());
        byte[] id = withSdk.invoke(FsmDriver.service("Flaky", "run"));
        withSdk.fail(id, AttemptFailed.newBuilder().setCode(500).setMessage("boom").build());
        assertThat(withSdk.row("sys_invocation", "id", text(id))).containsEntry("last_attempt_server", "restate-sdk-typescript/1.17.2");
        assertThat(withSdk.row("sys_invocation_state", "id", text(id))).containsEntry("last_attempt_server", "restate-sdk-typescript/1.17.2");
    }

    @Test
    void aFailedAttemptShowsItsFailureRetryCountAndNextRetry() {
        byte[] id = fsm.invoke(FsmDriver.service("Flaky", "run"));
        fsm.frames(id, null, frame(RunCommandMessage.newBuilder().setResultCompletionId(1).setName("charge").build()));
        fsm.fail(id, AttemptFailed.newBuilder().setCode(500).setMessage("boom").setRelatedCommandIndex(1)
                .setRelatedCommandName("charge").setRelatedCommandType(MessageType.RUN_COMMAND.id()).build());

        Map<String, Object> row = invocation(id);
        assertThat(row).containsEntry("status", "backing-off")
                .containsEntry("retry_count", 1L)
                .containsEntry("last_failure", "[500] boom")
                .containsEntry("last_failure_related_command_index", 1L)
                .containsEntry("last_failure_related_command_name", "charge")
                .containsEntry("last_failure_related_command_type", "Run")
                .containsEntry("last_attempt_deployment_id", FsmDriver.DEPLOYMENT.getId())
                .doesNotContainKeys("last_failure_related_entry_index", "last_failure_error_code", "last_attempt_server");
        assertThat((Instant) row.get("next_retry_at")).isAfter(Instant.ofEpochMilli(fsm.now));
        assertThat(status(id)).containsEntry("status", "invoked");

        fsm.advance(Duration.ofSeconds(2)); // the retry timer fires (1 s and some jitter): a new attempt, not yet running
        assertThat(invocation(id)).containsEntry("status", "backing-off").doesNotContainKey("next_retry_at")
                .containsEntry("last_start_at", Instant.ofEpochMilli(fsm.now));
        fsm.fail(id, AttemptFailed.newBuilder().setCode(500).setMessage("boom again").build());
        fsm.advance(Duration.ofSeconds(4));
        fsm.fail(id, AttemptFailed.newBuilder().setCode(500).setMessage("out of attempts").build());

        assertThat(invocation(id)).containsEntry("status", "paused").containsEntry("retry_count", 3L)
                .containsEntry("last_failure", "[500] out of attempts")
                .doesNotContainKeys("last_failure_related_command_index", "last_failure_related_command_name");
        assertThat(status(id)).containsEntry("status", "paused");
    }

    @Test
    void suspendedCompletedAndFailedInvocations() {
        byte[] sleeper = fsm.invoke(FsmDriver.service("Sleeper", "run"));
        fsm.frames(sleeper, null, frame(SleepCommandMessage.newBuilder().setWakeUpTime(fsm.now + 60_000).setResultCompletionId(1).build()));
        fsm.suspend(sleeper, Awaiting.newBuilder().addCompletions(1).build());
        assertThat(invocation(sleeper)).containsEntry("status", "suspended").doesNotContainKey("retry_count")
                .containsEntry("suspended_waiting_for_completions", List.of(1L))
                .containsEntry("suspended_waiting_for_signals", List.of());
        assertThat(fsm.rows("sys_invocation_state")).noneMatch(r -> r.get("id").equals(text(sleeper)));

        byte[] done = fsm.invoke(FsmDriver.service("Greeter", "greet"));
        fsm.now += 5;
        fsm.end(done, "hi");
        assertThat(invocation(done)).containsEntry("status", "completed").containsEntry("completion_result", "success")
                .containsEntry("completed_at", Instant.ofEpochMilli(fsm.now)).doesNotContainKey("completion_failure");

        byte[] failed = fsm.invoke(FsmDriver.service("Greeter", "greet"));
        fsm.apply(fsm.command().setEnded(dev.resolute.worker.engine.pb.AttemptEnded.newBuilder()
                .setInvocationId(ByteString.copyFrom(failed)).setEpoch(1).setEnd(true)
                .addFrames(frame(dev.resolute.worker.protocol.pb.OutputCommandMessage.newBuilder()
                        .setFailure(dev.resolute.worker.protocol.pb.Failure.newBuilder().setCode(412).setMessage("no")).build()))).build());
        assertThat(status(failed)).containsEntry("status", "completed").containsEntry("completion_result", "failure")
                .containsEntry("completion_failure", "[412] no");
    }

    @Test
    void anExclusiveHandlerHoldsTheLockAndTheNextOneWaitsInTheInbox() {
        byte[] holder = fsm.invoke(FsmDriver.object("Counter", "a", "add"));
        fsm.now += 10;
        byte[] waiting = fsm.invoke(FsmDriver.object("Counter", "a", "add"));

        assertThat(status(holder)).containsEntry("target", "Counter/a/add").containsEntry("target_service_key", "a")
                .containsEntry("target_service_ty", "virtual_object");
        assertThat(status(waiting)).containsEntry("status", "inboxed").containsEntry("inboxed_at", Instant.ofEpochMilli(fsm.now))
                .doesNotContainKeys("journal_size", "pinned_deployment_id", "running_at");
        assertThat(invocation(waiting)).containsEntry("status", "pending");
        assertThat(fsm.rows("sys_inbox")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("service_name", "Counter").containsEntry("service_key", "a").containsEntry("id", text(waiting))
                .containsEntry("sequence_number", 1L).containsEntry("partition_key", InvocationId.fromBytes(waiting).partitionKey()));
        assertThat(fsm.rows("sys_keyed_service_status")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("service_name", "Counter").containsEntry("service_key", "a").containsEntry("invocation_id", text(holder)));
        assertThat(fsm.rows("sys_locks")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("lock_name", "Counter/a").containsEntry("acquired_by", text(holder))
                .containsEntry("acquired_at", Instant.ofEpochMilli(fsm.now - 10)).doesNotContainKey("scope"));

        fsm.end(holder, "1");
        assertThat(fsm.rows("sys_inbox")).isEmpty();
        assertThat(fsm.row("sys_keyed_service_status", "service_key", "a")).containsEntry("invocation_id", text(waiting));
    }

    @Test
    void aDelayedInvocationIsScheduled() {
        long created = fsm.now;
        byte[] id = fsm.invoke(FsmDriver.service("Mailer", "send"), Invoke.newBuilder().setExecutionTime(created + 60_000));
        assertThat(status(id)).containsEntry("status", "scheduled").containsEntry("scheduled_at", Instant.ofEpochMilli(created))
                .containsEntry("scheduled_start_at", Instant.ofEpochMilli(created + 60_000));
        assertThat(invocation(id)).containsEntry("status", "scheduled");
        fsm.advance(Duration.ofMinutes(1));
        assertThat(invocation(id)).containsEntry("status", "ready").containsEntry("running_at", Instant.ofEpochMilli(fsm.now));
    }

    @Test
    void callsAndSendsShowTheirCallerAndARestartShowsWhatItRestarted() {
        Target callerTarget = FsmDriver.service("Caller", "run");
        byte[] caller = fsm.invoke(callerTarget);
        Target callee = FsmDriver.object("Counter", "b", "add");
        fsm.frames(caller, callee, frame(CallCommandMessage.newBuilder().setServiceName("Counter").setHandlerName("add").setKey("b")
                .setInvocationIdNotificationIdx(1).setResultCompletionId(2).build()));
        fsm.frames(caller, FsmDriver.service("Mailer", "send"), frame(OneWayCallCommandMessage.newBuilder().setServiceName("Mailer")
                .setHandlerName("send").setInvocationIdNotificationIdx(3).build()));

        List<Map<String, Object>> called = fsm.rows("sys_invocation_status").stream().filter(r -> "service".equals(r.get("invoked_by"))).toList();
        assertThat(called).hasSize(2).allSatisfy(r -> assertThat(r).containsEntry("invoked_by_id", text(caller))
                .containsEntry("invoked_by_service_name", "Caller").containsEntry("invoked_by_target", "Caller/run"));
        assertThat(called).extracting(r -> r.get("target")).containsExactlyInAnyOrder("Counter/b/add", "Mailer/send");

        fsm.end(caller, "ok");
        byte[] restarted = new InvocationId(InvocationId.fromBytes(caller).partitionKey(), 77, 77).toBytes();
        fsm.apply(fsm.command().setRestartAsNew(RestartInvocation.newBuilder().setInvocationId(ByteString.copyFrom(caller))
                .setNewInvocationId(ByteString.copyFrom(restarted))).build());
        assertThat(status(restarted)).containsEntry("invoked_by", "restart_as_new").containsEntry("restarted_from", text(caller));
    }

    @Test
    void aPausedInvocationStaysPausedInBothTables() {
        byte[] id = fsm.invoke(FsmDriver.service("Greeter", "greet"));
        fsm.apply(fsm.command().setPause(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(id))).build());
        fsm.fail(id, AttemptFailed.newBuilder().setCode(500).setMessage("stopped").build()); // the running attempt ends
        assertThat(status(id)).containsEntry("status", "paused");
        assertThat(invocation(id)).containsEntry("status", "paused");
    }

    @Test
    void theInvocationTablesHaveRestatesColumnsInOrder() {
        assertThat(fsm.table("sys_invocation_state").columns()).startsWith(new TableColumn("partition_key", SqlType.UINT64),
                new TableColumn("id", SqlType.UTF8), new TableColumn("in_flight", SqlType.BOOLEAN), new TableColumn("retry_count", SqlType.UINT64));
        assertThat(fsm.table("sys_invocation_status").columns()).hasSize(38).contains(
                new TableColumn("completion_retention", SqlType.DURATION), new TableColumn("suspended_waiting_for_signals", SqlType.UINT32_LIST),
                new TableColumn("created_at", SqlType.TIMESTAMP), new TableColumn("journal_size", SqlType.UINT32));
        List<String> view = fsm.table("sys_invocation").columns().stream().map(TableColumn::name).toList();
        assertThat(view).doesNotContain("partition_key", "in_flight").startsWith("id", "vqueue_id", "target")
                .containsSubsequence("invoked_by", "invoked_by_service_name", "invoked_by_id", "invoked_by_subscription_id", "invoked_by_target")
                .containsSubsequence("suspended_waiting_future_json", "retry_count", "last_start_at", "next_retry_at", "last_attempt_deployment_id")
                .containsSubsequence("last_failure_related_entry_type", "last_failure_related_command_index")
                .endsWith("last_awaiting_on_future_json", "status", "completion_result", "completion_failure").hasSize(51);
        List<TableColumn> sources = new java.util.ArrayList<>(fsm.table("sys_invocation_status").columns());
        sources.addAll(fsm.table("sys_invocation_state").columns());
        assertThat(fsm.table("sys_invocation").columns()).as("each of the view's columns has its source's type").allSatisfy(column ->
                assertThat(sources).filteredOn(c -> c.name().equals(column.name())).isNotEmpty().allMatch(column::equals));
        assertThat(fsm.introspection.tables()).extracting(t -> t.name()).containsExactly("sys_invocation_status", "sys_invocation_state",
                "sys_invocation", "sys_journal", "sys_journal_events", "state", "sys_keyed_service_status", "sys_inbox", "sys_promise",
                "sys_locks", "sys_idempotency");
    }

    @Test
    void runAndItsNotificationAppearInTheJournal() {
        byte[] id = fsm.invoke(FsmDriver.service("Flaky", "run"));
        fsm.frames(id, null, frame(RunCommandMessage.newBuilder().setResultCompletionId(1).setName("charge").build()),
                frame(ProposeRunCompletionMessage.newBuilder().setResultCompletionId(1).setValue(ByteString.copyFromUtf8("42")).build()));
        assertThat(fsm.rows("sys_journal").stream().map(r -> r.get("entry_type")).toList())
                .containsExactly("Command: Input", "Command: Run", "Notification: Run");
    }
}
