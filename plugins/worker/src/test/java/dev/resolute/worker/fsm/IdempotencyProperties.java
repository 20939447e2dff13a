package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.AttachInvocationCommandMessage;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCommandMessage;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.IdempotentRequestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Idempotent requests against a model, in any interleaving: ingress requests and SDK calls with the same idempotency
 * key, attaches and output requests from SDKs, completions, and outbox deliveries in any order and repeated (as
 * after a crash). Each key is executed exactly once however many duplicates arrive, before, during or after its
 * execution; an ingress duplicate is answered DUPLICATE with the original id; every duplicate call and every attach
 * is answered exactly once, with the original's result (an attach sent before the request existed may find nothing:
 * 404), and an output request with the result or, before completion, void; every outbox message is acknowledged.
 */
class IdempotencyProperties {
    private static final int PARTITIONS = 3;
    private static final List<String> KEYS = List.of("a", "b", "c");

    private enum Asked { CALL, ATTACH, OUTPUT }

    /** A question a caller's journal waits on: its completion id, what it asked, and what the model knew then. */
    private record Question(int caller, int completionId, Asked asked, String key, boolean existed, boolean completed) {
    }

    @Property(tries = 150)
    void eachKeyRunsOnceAndEveryDuplicateAndAttachIsAnsweredOnce(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 9999) Integer> ops) throws Exception {
        Path dir = Files.createTempDirectory("idem-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of())) {
            IdempotencyHarness h = new IdempotencyHarness(store.storage(), PARTITIONS);
            byte[][] callers = new byte[PARTITIONS][];
            int[] nextCompletion = new int[PARTITIONS];
            for (int p = 0; p < PARTITIONS; p++) {
                callers[p] = h.caller(p, 1);
                nextCompletion[p] = 1;
            }
            Set<String> created = new HashSet<>();
            Set<String> completed = new HashSet<>();
            List<Question> questions = new ArrayList<>();

            for (int op : ops) {
                String key = KEYS.get((op / 7) % KEYS.size());
                int caller = (op / 21) % PARTITIONS;
                byte[] target = IdempotencyHarness.idempotentId(key);
                switch (op % 7) {
                    case 0 -> {
                        Reply reply = h.ingressInvoke(key);
                        if (created.add(key)) {
                            assertThat(reply.getCode()).as("the first request with key %s", key).isEqualTo(Reply.Code.OK);
                        } else {
                            assertThat(reply.getCode()).as("a duplicate of key %s", key).isEqualTo(Reply.Code.DUPLICATE);
                            assertThat(reply.getInvocationId().toByteArray()).isEqualTo(target);
                        }
                    }
                    case 1 -> {
                        int idIndex = nextCompletion[caller]++;
                        int result = nextCompletion[caller]++;
                        h.frame(callers[caller], 1, MessageType.CALL_COMMAND, CallCommandMessage.newBuilder().setServiceName("Svc").setHandlerName("h")
                                .setIdempotencyKey(key).setInvocationIdNotificationIdx(idIndex).setResultCompletionId(result).build().toByteString(),
                                IdempotencyHarness.SERVICE);
                        questions.add(new Question(caller, result, Asked.CALL, key, true, false));
                    }
                    case 2 -> {
                        int result = nextCompletion[caller]++;
                        h.frame(callers[caller], 1, MessageType.ATTACH_INVOCATION_COMMAND, AttachInvocationCommandMessage.newBuilder()
                                .setIdempotentRequestTarget(target(key)).setResultCompletionId(result).build().toByteString(), null);
                        questions.add(new Question(caller, result, Asked.ATTACH, key, created.contains(key), completed.contains(key)));
                    }
                    case 3 -> {
                        int result = nextCompletion[caller]++;
                        h.frame(callers[caller], 1, MessageType.GET_INVOCATION_OUTPUT_COMMAND, GetInvocationOutputCommandMessage.newBuilder()
                                .setInvocationId(InvocationId.fromBytes(target).toString()).setResultCompletionId(result).build().toByteString(), null);
                        questions.add(new Question(caller, result, Asked.OUTPUT, key, created.contains(key), completed.contains(key)));
                    }
                    case 4 -> {
                        if (created.contains(key) && completed.add(key)) {
                            h.complete(target, 1, "out-" + key);
                        }
                    }
                    default -> {
                        if (!h.pending.isEmpty()) {
                            deliver(h, op % h.pending.size(), (op / 7) % 2 == 1, created);
                        }
                    }
                }
            }
            while (!h.pending.isEmpty()) {
                deliver(h, 0, false, created);
            }
            for (String key : created) {
                if (completed.add(key)) {
                    h.complete(IdempotencyHarness.idempotentId(key), 1, "out-" + key);
                }
            }
            h.drain();

            for (String key : KEYS) {
                assertThat(h.executions(IdempotencyHarness.idempotentId(key))).as("executions of key %s", key).isEqualTo(created.contains(key) ? 1 : 0);
                h.status(IdempotencyHarness.idempotentId(key)).ifPresent(s -> assertThat(s.getSubscribersCount()).isZero());
            }
            for (Question q : questions) {
                checkAnswer(h, callers[q.caller()], q);
            }
            assertThat(h.outboxesEmpty()).as("every outbox message acknowledged").isTrue();
        }
    }

    /** Delivers a pending message, and records the invocation an Invoke creates in the model. */
    private static void deliver(IdempotencyHarness h, int index, boolean again, Set<String> created) {
        Command command = h.pending.get(index).command();
        h.deliver(index, again);
        if (command.hasInvoke()) {
            created.add(command.getInvoke().getIdempotencyKey());
        }
    }

    private static void checkAnswer(IdempotencyHarness h, byte[] caller, Question q) throws Exception {
        MessageType type = switch (q.asked()) {
            case CALL -> MessageType.CALL_COMPLETION;
            case ATTACH -> MessageType.ATTACH_INVOCATION_COMPLETION;
            case OUTPUT -> MessageType.GET_INVOCATION_OUTPUT_COMPLETION;
        };
        List<JournalEntry> answers = h.completions(caller, type, q.completionId());
        assertThat(answers).as("answers to %s", q).hasSize(1);
        var answer = GetInvocationOutputCompletionNotificationMessage.parseFrom(answers.get(0).getPayload()); // the shared shape
        boolean value = answer.hasValue() && answer.getValue().getContent().toStringUtf8().equals("out-" + q.key());
        boolean notFound = answer.hasFailure() && answer.getFailure().getCode() == 404;
        switch (q.asked()) {
            case CALL -> assertThat(value).as("%s gets the original's result: %s", q, answer).isTrue();
            case ATTACH -> assertThat(value || (!q.existed() && notFound)).as("%s: %s", q, answer).isTrue();
            case OUTPUT -> {
                assertThat(value || answer.hasVoid() || (!q.existed() && notFound)).as("%s: %s", q, answer).isTrue();
                if (q.completed()) {
                    assertThat(value).as("%s asked after completion: %s", q, answer).isTrue();
                }
            }
        }
    }

    private static IdempotentRequestTarget target(String key) {
        return IdempotentRequestTarget.newBuilder().setServiceName("Svc").setHandlerName("h").setIdempotencyKey(key).build();
    }
}
