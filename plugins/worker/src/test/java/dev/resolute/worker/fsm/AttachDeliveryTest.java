package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.AttachInvocationCommandMessage;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCommandMessage;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.WorkflowTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attach, output and calls to a workflow's run from SDK handlers, across partitions: each answer is a notification
 * of the type the command asked for, in the caller's journal, once.
 */
class AttachDeliveryTest {
    private static final Target RUN = Target.newBuilder().setService("Flow").setHandler("run").setKey("w1")
            .setServiceKind(ServiceKind.WORKFLOW).setHandlerKind(HandlerKind.WORKFLOW_RUN).build();
    private static final byte[] RUN_ID = InvocationId.forWorkflowRun("Flow", "w1").toBytes();

    @TempDir
    Path dir;
    private OpenStore store;
    private IdempotencyHarness h;

    @BeforeEach
    void open() {
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        h = new IdempotencyHarness(store.storage(), 3);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSecondCallOfAWorkflowRunGets409AndTheRunExecutesOnce() throws Exception {
        byte[] first = h.caller(0, 1);
        byte[] second = h.caller(1, 1);
        callRun(first);
        h.drain();
        callRun(second);
        h.drain();
        assertThat(h.executions(RUN_ID)).isEqualTo(1);
        assertThat(ids(first)).as("both learn the run's deterministic id").isEqualTo(ids(second))
                .containsExactly(InvocationId.fromBytes(RUN_ID).toString());
        JournalEntry refused = h.completions(second, MessageType.CALL_COMPLETION, 2).get(0);
        var failure = GetInvocationOutputCompletionNotificationMessage.parseFrom(refused.getPayload()).getFailure();
        assertThat(failure.getCode()).isEqualTo(409);
        assertThat(failure.getMessage()).isEqualTo("the workflow method was already invoked");

        h.complete(RUN_ID, 1, "done");
        h.drain();
        assertThat(h.completions(first, MessageType.CALL_COMPLETION, 2)).as("the first caller gets the result").hasSize(1);
        assertThat(h.completions(second, MessageType.CALL_COMPLETION, 2)).as("the second one only its 409").hasSize(1);
    }

    @Test
    void outputIsVoidWhileRunningAndAttachWaitsByWorkflowTarget() throws Exception {
        Reply created = h.apply(IdempotencyHarness.command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(RUN_ID))
                .setDeployment(IdempotencyHarness.V6).setTarget(RUN)).build());
        assertThat(created.getCode()).isEqualTo(Reply.Code.OK);
        Reply duplicate = h.apply(IdempotencyHarness.command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(RUN_ID))
                .setDeployment(IdempotencyHarness.V6).setTarget(RUN)).build());
        assertThat(duplicate.getCode()).isEqualTo(Reply.Code.DUPLICATE);
        assertThat(duplicate.getInvocationId().toByteArray()).isEqualTo(RUN_ID);

        byte[] caller = h.caller(2, 1);
        WorkflowTarget target = WorkflowTarget.newBuilder().setWorkflowName("Flow").setWorkflowKey("w1").build();
        h.frame(caller, 1, MessageType.GET_INVOCATION_OUTPUT_COMMAND,
                GetInvocationOutputCommandMessage.newBuilder().setWorkflowTarget(target).setResultCompletionId(1).build().toByteString(), null);
        h.frame(caller, 1, MessageType.ATTACH_INVOCATION_COMMAND,
                AttachInvocationCommandMessage.newBuilder().setWorkflowTarget(target).setResultCompletionId(2).build().toByteString(), null);
        Command attach = h.pending.get(1).command();
        h.drain();
        h.apply(h.ownerOf(RUN_ID), attach); // redelivered after a crash: recorded once
        assertThat(output(caller, 1).hasVoid()).isTrue();
        assertThat(h.completions(caller, MessageType.ATTACH_INVOCATION_COMPLETION, 2)).as("not before completion").isEmpty();
        assertThat(h.status(RUN_ID).orElseThrow().getSubscribersCount()).isEqualTo(1);

        h.complete(RUN_ID, 1, "done");
        h.drain();
        JournalEntry answer = h.completions(caller, MessageType.ATTACH_INVOCATION_COMPLETION, 2).get(0);
        assertThat(GetInvocationOutputCompletionNotificationMessage.parseFrom(answer.getPayload()).getValue().getContent().toStringUtf8()).isEqualTo("done");
        assertThat(h.completions(caller, MessageType.ATTACH_INVOCATION_COMPLETION, 2)).hasSize(1);
        assertThat(h.status(caller).orElseThrow().getPhase()).isEqualTo(Phase.INVOKED);
        assertThat(h.outboxesEmpty()).isTrue();
    }

    @Test
    void anUnknownTargetIsA404AndAMalformedIdFailsTheAttempt() throws Exception {
        byte[] caller = h.caller(0, 1);
        h.frame(caller, 1, MessageType.ATTACH_INVOCATION_COMMAND, AttachInvocationCommandMessage.newBuilder()
                .setInvocationId("inv_10FH0Hfp0RFc3IUgbVfnvE3qpZ2MWhiv3Q").setResultCompletionId(1).build().toByteString(), null);
        h.drain();
        var failure = GetInvocationOutputCompletionNotificationMessage.parseFrom(
                h.completions(caller, MessageType.ATTACH_INVOCATION_COMPLETION, 1).get(0).getPayload()).getFailure();
        assertThat(failure.getCode()).isEqualTo(404);
        assertThat(failure.getMessage()).isEqualTo("invocation not found");

        h.frame(caller, 1, MessageType.GET_INVOCATION_OUTPUT_COMMAND, GetInvocationOutputCommandMessage.newBuilder()
                .setInvocationId("inv_1nope").setResultCompletionId(2).build().toByteString(), null);
        assertThat(h.status(caller).orElseThrow().getPhase()).isEqualTo(Phase.BACKING_OFF);
        assertThat(h.status(caller).orElseThrow().getLastFailure()).contains("the target invocation id is not valid");
        assertThat(h.pending).isEmpty();
    }

    private void callRun(byte[] caller) {
        h.frame(caller, 1, MessageType.CALL_COMMAND, CallCommandMessage.newBuilder().setServiceName("Flow").setHandlerName("run").setKey("w1")
                .setInvocationIdNotificationIdx(1).setResultCompletionId(2).build().toByteString(), RUN);
    }

    private List<String> ids(byte[] caller) throws Exception {
        return h.journal(caller).stream().filter(e -> e.getType() == MessageType.CALL_INVOCATION_ID_COMPLETION.id())
                .map(e -> {
                    try {
                        return CallInvocationIdCompletionNotificationMessage.parseFrom(e.getPayload()).getInvocationId();
                    } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                        throw new AssertionError(x);
                    }
                }).toList();
    }

    private GetInvocationOutputCompletionNotificationMessage output(byte[] caller, int completionId) throws Exception {
        return GetInvocationOutputCompletionNotificationMessage.parseFrom(
                h.completions(caller, MessageType.GET_INVOCATION_OUTPUT_COMPLETION, completionId).get(0).getPayload());
    }
}
