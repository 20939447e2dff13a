package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFrames;
import dev.resolute.worker.engine.pb.Cleanup;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.ProposeRunCompletionMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.ListingsCheck;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.RetentionIndex;
import dev.resolute.worker.tables.Table;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Retention against a model: invocations (plain ones and workflow runs that wrote state) with random completion and
 * journal retentions complete at random times, and cleanups with small limits run at random times. After every
 * cleanup exactly the expired rows are gone — the status with its result once the completion retention expired, the
 * journal and its notification index once the journal retention (never longer than the completion's) expired, a
 * workflow's state with its run — nothing unexpired or still running is touched, and the retention index lists
 * exactly the expiries still to come. Replaying the command log gives the same tables.
 */
class RetentionProperties {
    private static final int PARTITIONS = 2;
    private static final long[] RETENTIONS = {0, 7, 50, 300};
    private static final Deployment V6 = Deployment.newBuilder().setId("dp").setProtocolVersion(6).build();
    private static final long NEVER = Long.MAX_VALUE;

    /**
     * One invocation of the model; {@code completesAt} is {@link #NEVER} for one that keeps running; {@code resolved}
     * is false for one created without retention (as before retention existed), which is kept.
     */
    private record Spec(byte[] id, Target target, boolean resolved, long completion, long journal, long completesAt) {
        boolean workflow() {
            return target.getHandlerKind() == HandlerKind.WORKFLOW_RUN;
        }

        boolean completedBy(long t) {
            return completesAt <= t;
        }

        long keptJournal() {
            return Math.min(journal, completion);
        }

        /** At {@code now}, after a cleanup at {@code cleaned}: only a cleanup deletes the status, even one not retained at all. */
        boolean statusKept(long now, long cleaned) {
            return !resolved || !completedBy(now) || completesAt + completion > cleaned;
        }

        /** A journal that is not retained goes at completion, one that is at the first cleanup after it expired. */
        boolean journalKept(long now, long cleaned) {
            return !resolved || !completedBy(now) || (keptJournal() > 0 && completesAt + keptJournal() > cleaned);
        }
    }

    @Property(tries = 40)
    void cleanupDeletesExactlyWhatExpired(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 1_000_000) Integer> invocations,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 700) Integer> cleanups,
            @ForAll @IntRange(min = 1, max = 4) int limit) throws Exception {
        Path dir = Files.createTempDirectory("retention-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir.resolve("a"), Map.of())) {
            Harness h = new Harness(store.storage());
            List<Spec> specs = new ArrayList<>();
            for (int n : invocations) {
                specs.add(h.start(n));
            }
            List<Long> times = new ArrayList<>(cleanups.stream().map(Integer::longValue).sorted().toList());
            times.add(10_000L); // everything completed with a retention has expired by then
            List<Spec> byCompletion = specs.stream().filter(s -> s.completesAt() != NEVER).sorted(Comparator.comparingLong(Spec::completesAt)).toList();
            int next = 0;
            long cleaned = 0;
            for (long t : times) {
                for (; next < byCompletion.size() && byCompletion.get(next).completesAt() <= t; next++) {
                    long at = byCompletion.get(next).completesAt();
                    h.complete(byCompletion.get(next));
                    if (next + 1 == byCompletion.size() || byCompletion.get(next + 1).completesAt() > at) { // all of this time applied
                        h.assertModel(specs, at, cleaned);
                    }
                }
                h.cleanUp(t, limit);
                cleaned = t;
                h.assertModel(specs, t, cleaned);
            }
            assertThat(h.dumpOf(h.tables.rejected())).isEmpty();

            try (OpenStore replica = OpenStore.open(new LmdbStorageFactory(), dir.resolve("b"), Map.of())) {
                Harness replay = new Harness(replica.storage());
                for (Harness.Routed r : h.log) {
                    replay.apply(r.partition(), r.command());
                }
                assertThat(replay.dump()).as("replaying the command log gives the same tables").isEqualTo(h.dump());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static final class Harness {
        record Routed(int partition, Command command) {
        }

        final Storage storage;
        final Tables tables;
        final PartitionStateMachine[] machines = new PartitionStateMachine[PARTITIONS];
        final List<Routed> log = new ArrayList<>();
        long seq;

        Harness(Storage storage) {
            this.storage = storage;
            this.tables = new Tables(storage);
            for (int p = 0; p < PARTITIONS; p++) {
                machines[p] = new PartitionStateMachine(p, PARTITIONS, tables, new RetryPolicy(Duration.ofMillis(10), 1.0, 5, Duration.ofMillis(10), false));
            }
        }

        /** Invokes one invocation decoded from {@code n}; its attempt journals a run's result (a notification) and, for a workflow, state. */
        Spec start(int n) {
            int partition = n % PARTITIONS;
            long completion = RETENTIONS[n / 2 % 4];
            long journal = RETENTIONS[n / 8 % 4];
            boolean workflow = n / 32 % 3 == 0;
            long completesAt = n / 96 % 5 == 0 ? NEVER : 10 + n / 480 % 400;
            boolean resolved = n / 192_000 % 5 != 0;
            seq++;
            byte[] id = new InvocationId(PartitionKeys.range(partition, PARTITIONS).first() + seq, seq, ~seq).toBytes();
            Target target = workflow
                    ? Target.newBuilder().setService("Flow").setHandler("run").setKey("w" + seq).setServiceKind(ServiceKind.WORKFLOW)
                            .setHandlerKind(HandlerKind.WORKFLOW_RUN).build()
                    : Target.newBuilder().setService("Svc").setHandler("h").setServiceKind(ServiceKind.SERVICE).setHandlerKind(HandlerKind.UNKEYED).build();
            Invoke.Builder invoke = Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id)).setDeployment(V6).setTarget(target);
            if (resolved) {
                invoke.setCompletionRetentionMs(completion).setJournalRetentionMs(journal);
            }
            apply(partition, command(1).setInvoke(invoke).build());
            AttemptFrames.Builder frames = AttemptFrames.newBuilder().setInvocationId(ByteString.copyFrom(id)).setEpoch(1)
                    .addFrames(frame(MessageType.RUN_COMMAND, RunCommandMessage.newBuilder().setResultCompletionId(1).build().toByteString()))
                    .addFrames(frame(MessageType.PROPOSE_RUN_COMPLETION, ProposeRunCompletionMessage.newBuilder().setResultCompletionId(1)
                            .setValue(ByteString.copyFromUtf8("r")).build().toByteString()));
            if (workflow) {
                frames.addFrames(frame(MessageType.SET_STATE_COMMAND, SetStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("k"))
                        .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8("v"))).build().toByteString()));
            }
            apply(partition, command(2).setFrames(frames).build());
            return new Spec(id, target, resolved, completion, journal, completesAt);
        }

        void complete(Spec spec) {
            apply(ownerOf(spec.id()), command(spec.completesAt()).setEnded(AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(spec.id()))
                    .setEpoch(1).setEnd(true).addFrames(frame(MessageType.OUTPUT_COMMAND, OutputCommandMessage.newBuilder()
                            .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8("done"))).build().toByteString()))).build());
        }

        /** As the engine's cleaner does: each partition, again while more is due. */
        void cleanUp(long now, int limit) {
            for (int p = 0; p < PARTITIONS; p++) {
                Reply reply;
                do {
                    reply = apply(p, command(now).setCleanup(Cleanup.newBuilder().setLimit(limit)).build());
                    assertThat(reply.getCode()).isEqualTo(Reply.Code.OK);
                } while (reply.getMoreDue());
            }
        }

        void assertModel(List<Spec> specs, long t, long cleaned) {
            ListingsCheck.assertListingsMatchStatuses(storage, tables, PARTITIONS);
            Set<String> expectedIndex = new TreeSet<>();
            try (Snapshot s = storage.snapshot()) {
                Reads reads = Reads.of(s);
                for (Spec spec : specs) {
                    String what = HexFormat.of().formatHex(spec.id()) + " " + spec + " at " + t + " cleaned at " + cleaned;
                    assertThat(tables.status().get(reads, spec.id())).as("status of %s", what).matches(o -> o.isPresent() == spec.statusKept(t, cleaned));
                    assertThat(rowsOf(reads, tables.journal(), spec.id())).as("journal of %s", what).isEqualTo(spec.journalKept(t, cleaned) ? 3 + (spec.workflow() ? 1 : 0) + (spec.completedBy(t) ? 1 : 0) : 0);
                    assertThat(rowsOf(reads, tables.notifications(), spec.id())).as("notifications of %s", what).isEqualTo(spec.journalKept(t, cleaned) ? 1 : 0);
                    if (spec.workflow()) {
                        assertThat(tables.state().keys(reads, ObjectKey.of(spec.id(), spec.target()))).as("workflow state of %s", what)
                                .hasSize(spec.statusKept(t, cleaned) ? 1 : 0);
                    }
                    if (spec.resolved() && spec.completedBy(t) && spec.statusKept(t, cleaned)) {
                        expectedIndex.add(indexEntry(spec, spec.completesAt() + spec.completion(), RetentionIndex.What.COMPLETION));
                        if (spec.journalKept(t, cleaned) && spec.keptJournal() < spec.completion()) {
                            expectedIndex.add(indexEntry(spec, spec.completesAt() + spec.keptJournal(), RetentionIndex.What.JOURNAL));
                        }
                    }
                }
                Set<String> index = new TreeSet<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    for (RetentionIndex.Entry e : tables.retention().due(reads, p, -1L, Integer.MAX_VALUE)) {
                        index.add(HexFormat.of().formatHex(e.invocationId()) + "@" + e.expiresAt() + ":" + e.what().orElseThrow());
                    }
                }
                assertThat(index).as("the retention index lists exactly what is still to expire at %d", t).isEqualTo(expectedIndex);
            }
        }

        private static String indexEntry(Spec spec, long at, RetentionIndex.What what) {
            return HexFormat.of().formatHex(spec.id()) + "@" + at + ":" + what;
        }

        private static int rowsOf(Reads reads, Table table, byte[] id) {
            return reads.scan(table.keyspace(), KeyRange.prefix(id)).size();
        }

        Reply apply(int partition, Command command) {
            Reply reply;
            Tx tx;
            try (Snapshot snapshot = storage.snapshot()) {
                tx = new Tx(snapshot);
                reply = machines[partition].apply(command, tx, effect -> {
                    if (effect instanceof Effect.Rejected r) {
                        throw new AssertionError("rejected: " + r.reason());
                    }
                });
            }
            storage.commit(tx.batch());
            log.add(new Routed(partition, command));
            return reply;
        }

        static int ownerOf(byte[] id) {
            return PartitionKeys.partitionOf(InvocationId.fromBytes(id).partitionKey(), PARTITIONS);
        }

        private static Command.Builder command(long now) {
            return Command.newBuilder().setNow(now);
        }

        private static Frame frame(MessageType type, ByteString payload) {
            return Frame.newBuilder().setType(type.id()).setPayload(payload).build();
        }

        Map<String, Map<String, String>> dump() {
            Map<String, Map<String, String>> out = new java.util.TreeMap<>();
            for (Table table : tables.all()) {
                out.put(table.keyspace().name(), dumpOf(table));
            }
            return out;
        }

        Map<String, String> dumpOf(Table table) {
            Map<String, String> out = new java.util.TreeMap<>();
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
