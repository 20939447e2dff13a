package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFrames;
import dev.resolute.worker.engine.pb.Awaiting;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.engine.pb.WorkflowPromise;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CompletePromiseCommandMessage;
import dev.resolute.worker.protocol.pb.CompletePromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.Failure;
import dev.resolute.worker.protocol.pb.GetPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.GetPromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.PeekPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.PeekPromiseCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Table;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Durable promises against a model: several invocations of one workflow (its run and shared handlers) get, peek,
 * resolve and reject two promises in any interleaving, suspend on what they wait for, and end. Every get is answered
 * exactly once with the promise's first completion (at once if it was completed before, else when it is); a second
 * completion fails with 409; a peek sees the completion or void; a suspended invocation resumes exactly when an
 * answer it awaits arrives; the gets of an invocation that ended while they waited are dropped; and replaying the command log gives the same tables.
 */
class PromiseProperties {
    private static final int PARTITIONS = 2;
    private static final String WORKFLOW_ID = "order-17";
    private static final List<String> NAMES = List.of("approval", "payment");
    private static final Deployment V6 = Deployment.newBuilder().setId("dp").setProtocolVersion(6).build();
    private static final String VOID = "void";

    @Property(tries = 150)
    void everyGetIsAnsweredOnceWithTheFirstCompletion(@ForAll @IntRange(min = 1, max = 4) int invocations,
                                                      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 9_999) Integer> ops) throws Exception {
        Path dir = Files.createTempDirectory("promise-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir.resolve("a"), Map.of())) {
            Harness h = new Harness(store.storage());
            List<Model> models = new ArrayList<>();
            for (int i = 0; i < invocations; i++) {
                models.add(new Model(h.invoke(i == 0 ? "run" : "shared" + i, ServiceKind.WORKFLOW, i == 0 ? HandlerKind.WORKFLOW_RUN : HandlerKind.SHARED)));
            }
            Map<String, String> completions = new HashMap<>(); // the model: promise name -> its first completion
            int step = 0;
            for (int op : ops) {
                step++;
                Model m = models.get(op % invocations);
                if (m.phase != Phase.INVOKED) {
                    continue; // only a running attempt sends commands
                }
                String name = NAMES.get(op / invocations / 5 % NAMES.size());
                int cid = m.nextCompletion;
                switch (op / invocations % 5) {
                    case 0 -> {
                        h.frame(m, MessageType.GET_PROMISE_COMMAND, GetPromiseCommandMessage.newBuilder().setKey(name).setResultCompletionId(cid).build());
                        if (completions.containsKey(name)) {
                            m.expected.put(cid, completions.get(name));
                        } else {
                            m.pendingGets.put(cid, name);
                        }
                    }
                    case 1 -> {
                        h.frame(m, MessageType.PEEK_PROMISE_COMMAND, PeekPromiseCommandMessage.newBuilder().setKey(name).setResultCompletionId(cid).build());
                        m.expected.put(cid, completions.getOrDefault(name, VOID));
                    }
                    case 2, 3 -> {
                        boolean reject = op / invocations % 5 == 3;
                        CompletePromiseCommandMessage.Builder complete = CompletePromiseCommandMessage.newBuilder().setKey(name).setResultCompletionId(cid);
                        String completion = reject ? "f:" + (400 + step) + ":no " + step : "v:yes " + step;
                        if (reject) {
                            complete.setCompletionFailure(Failure.newBuilder().setCode(400 + step).setMessage("no " + step));
                        } else {
                            complete.setCompletionValue(Value.newBuilder().setContent(ByteString.copyFromUtf8("yes " + step)));
                        }
                        h.frame(m, MessageType.COMPLETE_PROMISE_COMMAND, complete.build());
                        if (completions.containsKey(name)) {
                            m.expected.put(cid, "f:409:promise was already completed");
                        } else {
                            completions.put(name, completion);
                            m.expected.put(cid, VOID);
                            models.forEach(listener -> listener.answer(name, completion));
                        }
                    }
                    default -> {
                        if (m.pendingGets.isEmpty() || op / invocations / 10 % 2 == 0) { // ends, maybe while its gets wait
                            h.end(m, AttemptEnded.newBuilder().setEnd(true));
                            m.phase = Phase.COMPLETED;
                            m.pendingGets.clear();
                        } else {
                            h.end(m, AttemptEnded.newBuilder().setSuspended(Awaiting.newBuilder().addAllCompletions(m.pendingGets.keySet())));
                            m.phase = Phase.SUSPENDED;
                        }
                        continue;
                    }
                }
                m.nextCompletion++;
            }

            for (Model m : models) {
                assertThat(h.answers(m.id)).as("the promise notifications in the journal of invocation %s", models.indexOf(m)).isEqualTo(m.expected);
                InvocationStatus status = h.status(m.id);
                assertThat(status.getPhase()).isEqualTo(m.phase);
                assertThat(status.getEpoch()).as("resumed exactly when an awaited answer arrived").isEqualTo(m.epoch);
            }
            assertThat(h.dumpOf(h.tables.rejected())).isEmpty();

            try (OpenStore replica = OpenStore.open(new LmdbStorageFactory(), dir.resolve("b"), Map.of())) {
                Harness replay = new Harness(replica.storage());
                h.log.forEach(replay::apply);
                assertThat(replay.dump()).as("replaying the command log gives the same tables").isEqualTo(h.dump());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Example
    void deleteAllDropsOneWorkflowsPromisesOnly() throws Exception {
        Path dir = Files.createTempDirectory("promise-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir.resolve("a"), Map.of())) {
            Tables tables = new Tables(store.storage());
            ObjectKey workflow = new ObjectKey(PartitionKeys.of(WORKFLOW_ID), "Wf", WORKFLOW_ID);
            ObjectKey other = new ObjectKey(PartitionKeys.of(WORKFLOW_ID), "Wf", WORKFLOW_ID + "-2");
            WorkflowPromise done = WorkflowPromise.newBuilder().setCompletion(Outcome.newBuilder().setValue(ByteString.copyFromUtf8("v"))).build();
            Tx tx;
            try (Snapshot s = store.storage().snapshot()) {
                tx = new Tx(s);
                NAMES.forEach(name -> tables.promises().put(tx, workflow, name, done));
                tables.promises().put(tx, other, "approval", done);
            }
            store.storage().commit(tx.batch());
            Tx delete;
            try (Snapshot s = store.storage().snapshot()) {
                delete = new Tx(s);
                tables.promises().deleteAll(delete, workflow);
            }
            store.storage().commit(delete.batch());
            try (Snapshot s = store.storage().snapshot()) {
                assertThat(NAMES).allSatisfy(name -> assertThat(tables.promises().get(Reads.of(s), workflow, name)).isEmpty());
                assertThat(tables.promises().get(Reads.of(s), other, "approval")).hasValue(done);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Example
    void onlyWorkflowsHavePromises() throws Exception {
        Path dir = Files.createTempDirectory("promise-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir.resolve("a"), Map.of())) {
            Harness h = new Harness(store.storage());
            Model m = new Model(h.invoke("add", ServiceKind.VIRTUAL_OBJECT, HandlerKind.EXCLUSIVE));
            h.frame(m, MessageType.GET_PROMISE_COMMAND, GetPromiseCommandMessage.newBuilder().setKey("p").setResultCompletionId(1).build());
            InvocationStatus status = h.status(m.id);
            assertThat(status.getPhase()).isEqualTo(Phase.BACKING_OFF);
            assertThat(status.getLastFailure()).isEqualTo("[0] GetPromiseCommandMessage is only for workflows, but Wf/add is not a workflow's handler");
            assertThat(status.getJournalLength()).as("the command is not journaled").isEqualTo(1);
            assertThat(h.dumpOf(h.tables.promises())).isEmpty();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** One invocation as the test expects it to be. */
    private static final class Model {
        final byte[] id;
        Phase phase = Phase.INVOKED;
        long epoch = 1;
        int nextCompletion = 1;
        final Map<Integer, String> expected = new TreeMap<>();     // completion id -> the answer its journal must hold
        final Map<Integer, String> pendingGets = new LinkedHashMap<>(); // completion id -> the promise it waits for

        Model(byte[] id) {
            this.id = id;
        }

        /** A promise was completed: its waiting gets are answered, a suspended invocation awaiting one resumes. */
        void answer(String name, String completion) {
            if (phase == Phase.COMPLETED) {
                return;
            }
            boolean answered = pendingGets.entrySet().removeIf(e -> {
                if (e.getValue().equals(name)) {
                    expected.put(e.getKey(), completion);
                    return true;
                }
                return false;
            });
            if (answered && phase == Phase.SUSPENDED) {
                phase = Phase.INVOKED;
                epoch++;
            }
        }
    }

    private static final class Harness {
        final Storage storage;
        final Tables tables;
        final PartitionStateMachine[] machines = new PartitionStateMachine[PARTITIONS];
        final int partition = PartitionKeys.partitionOf(PartitionKeys.of(WORKFLOW_ID), PARTITIONS);
        final List<Command> log = new ArrayList<>();
        long seq;

        Harness(Storage storage) {
            this.storage = storage;
            this.tables = new Tables(storage);
            for (int p = 0; p < PARTITIONS; p++) {
                machines[p] = new PartitionStateMachine(p, PARTITIONS, tables, new RetryPolicy(Duration.ofMillis(10), 1.0, 5, Duration.ofMillis(10), false));
            }
        }

        byte[] invoke(String handler, ServiceKind serviceKind, HandlerKind handlerKind) {
            seq++;
            byte[] id = new InvocationId(PartitionKeys.of(WORKFLOW_ID), seq, ~seq).toBytes();
            apply(command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id)).setDeployment(V6)
                    .setTarget(Target.newBuilder().setService("Wf").setHandler(handler).setKey(WORKFLOW_ID).setServiceKind(serviceKind)
                            .setHandlerKind(handlerKind))).build());
            return id;
        }

        void frame(Model m, MessageType type, Message message) {
            apply(command().setFrames(AttemptFrames.newBuilder().setInvocationId(ByteString.copyFrom(m.id)).setEpoch(m.epoch)
                    .addFrames(Frame.newBuilder().setType(type.id()).setPayload(message.toByteString()))).build());
        }

        void end(Model m, AttemptEnded.Builder ended) {
            apply(command().setEnded(ended.setInvocationId(ByteString.copyFrom(m.id)).setEpoch(m.epoch)).build());
        }

        void apply(Command command) {
            Tx tx;
            try (Snapshot snapshot = storage.snapshot()) {
                tx = new Tx(snapshot);
                machines[partition].apply(command, tx, effect -> {
                });
            }
            storage.commit(tx.batch());
            log.add(command);
        }

        private static Command.Builder command() {
            return Command.newBuilder().setNow(1_000);
        }

        InvocationStatus status(byte[] id) {
            try (Snapshot s = storage.snapshot()) {
                return tables.status().get(Reads.of(s), id).orElseThrow();
            }
        }

        /** The promise notifications of the journal: completion id -> what it says; each id at most once. */
        Map<Integer, String> answers(byte[] id) throws InvalidProtocolBufferException {
            Map<Integer, String> out = new TreeMap<>();
            try (Snapshot s = storage.snapshot()) {
                for (JournalEntry e : tables.journal().entries(Reads.of(s), id)) {
                    int cid;
                    String answer;
                    if (e.getType() == MessageType.GET_PROMISE_COMPLETION.id()) {
                        var n = GetPromiseCompletionNotificationMessage.parseFrom(e.getPayload());
                        cid = n.getCompletionId();
                        answer = n.hasFailure() ? failure(n.getFailure()) : "v:" + n.getValue().getContent().toStringUtf8();
                    } else if (e.getType() == MessageType.PEEK_PROMISE_COMPLETION.id()) {
                        var n = PeekPromiseCompletionNotificationMessage.parseFrom(e.getPayload());
                        cid = n.getCompletionId();
                        answer = n.hasFailure() ? failure(n.getFailure()) : n.hasValue() ? "v:" + n.getValue().getContent().toStringUtf8() : VOID;
                    } else if (e.getType() == MessageType.COMPLETE_PROMISE_COMPLETION.id()) {
                        var n = CompletePromiseCompletionNotificationMessage.parseFrom(e.getPayload());
                        cid = n.getCompletionId();
                        answer = n.hasFailure() ? failure(n.getFailure()) : n.hasVoid() ? VOID : "neither void nor failure";
                    } else {
                        continue;
                    }
                    assertThat(out.put(cid, answer)).as("completion %s answered once", cid).isNull();
                }
            }
            return out;
        }

        private static String failure(Failure f) {
            return "f:" + f.getCode() + ":" + f.getMessage();
        }

        Map<String, Map<String, String>> dump() {
            Map<String, Map<String, String>> out = new TreeMap<>();
            for (Table table : tables.all()) {
                out.put(table.keyspace().name(), dumpOf(table));
            }
            return out;
        }

        Map<String, String> dumpOf(Table table) {
            Map<String, String> out = new TreeMap<>();
            try (Snapshot s = storage.snapshot(); KeyValueIterator it = s.scan(table.keyspace(), KeyRange.all())) {
                while (it.hasNext()) {
                    KeyValue kv = it.next();
                    out.put(HexFormat.of().formatHex(kv.key()), HexFormat.of().formatHex(kv.value()));
                }
            }
            return out;
        }
    }
}
