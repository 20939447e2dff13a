package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.AttemptFrames;
import dev.resolute.worker.engine.pb.Awaiting;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.OutboxAck;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.engine.pb.TimerFired;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.CallCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.OneWayCallCommandMessage;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.SleepCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.ListingsCheck;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Table;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.TimersTable;
import dev.resolute.worker.tables.Tx;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The partition state machines against a simple model: random interleavings of submissions to a virtual object's
 * keys, to a sleeping service and to a caller service that calls or sends to those keys across partitions; attempts
 * that succeed or fail part-way, timers, and crashes that lose everything not yet committed. A simulated SDK replays
 * journals as a real one does. Whatever the interleaving, every acknowledged invocation completes exactly once, each
 * key's state counts its acknowledged adds, an exclusive handler's invocations run in the order they were applied,
 * one lock holder exists per key at any time, a caller gets its callee's result, messages really cross partitions,
 * nothing is rejected, and replaying the command log on a fresh store gives byte-identical tables.
 */
class StateMachineProperties {
    private static final int PARTITIONS = 3;
    private static final List<String> KEYS = List.of("a", "b", "c");
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofMillis(10), 2.0, Integer.MAX_VALUE, Duration.ofMillis(100), true);
    private static final Deployment DEPLOYMENT = Deployment.newBuilder().setId("dp").setProtocolVersion(6).build();

    @Property(tries = 200)
    void everyAcknowledgedInvocationCompletesExactlyOnceInOrder(@ForAll @Size(min = 1, max = 120) List<@IntRange(min = 0, max = 999) Integer> choices)
            throws Exception {
        Path dir = Files.createTempDirectory("sm-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir.resolve("a"), Map.of())) {
            Harness h = new Harness(store.storage());
            h.recoverAll();
            h.submitCrossingCall(); // so that every try sends calls and their results across partitions
            for (int choice : choices) {
                h.step(choice);
                h.checkOneLockHolderPerKey();
            }
            h.drain();
            h.checkModel();
            assertThat(h.crossed).as("outbox messages that crossed partitions").isPositive();

            try (OpenStore replica = OpenStore.open(new LmdbStorageFactory(), dir.resolve("b"), Map.of())) {
                Harness replay = new Harness(replica.storage());
                for (Routed command : h.log) {
                    replay.apply(List.of(command));
                }
                assertThat(replay.dump()).as("replaying the command log gives the same tables").isEqualTo(h.dump());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** A command for one partition. */
    private record Routed(int partition, Command command) {
    }

    /** One store, {@value #PARTITIONS} partitions, a virtual clock, and a simulated SDK. */
    private static final class Harness {
        final Storage storage;
        final Tables tables;
        final PartitionStateMachine[] machines = new PartitionStateMachine[PARTITIONS];
        final List<Routed> log = new ArrayList<>();
        final Deque<Routed> pending = new ArrayDeque<>();
        final Map<ByteBuffer, Long> running = new LinkedHashMap<>();
        final TreeMap<Long, List<Routed>> timers = new TreeMap<>();
        final Map<String, List<ByteBuffer>> acknowledged = new HashMap<>(); // adds per key, in applied order
        final List<ByteBuffer> sleepers = new ArrayList<>();
        final List<ByteBuffer> callers = new ArrayList<>();
        long now = 1_000_000;
        long seq;
        int crossed;

        Harness(Storage storage) {
            this.storage = storage;
            this.tables = new Tables(storage);
            for (int p = 0; p < PARTITIONS; p++) {
                machines[p] = new PartitionStateMachine(p, PARTITIONS, tables, RETRY);
            }
        }

        Command.Builder command() {
            return Command.newBuilder().setNow(now);
        }

        void step(int choice) throws Exception {
            switch (choice % 7) {
                case 0 -> submitAdd(KEYS.get(choice / 7 % KEYS.size()));
                case 1 -> submitSleeper(1 + choice / 7 % 50);
                case 2 -> applyPending(1 + choice / 7 % 4);
                case 3 -> runAttempt(choice / 7);
                case 4 -> advance(choice / 7 % 60);
                case 5 -> submitCaller((choice / 7 % 2 == 0 ? "call:" : "send:") + KEYS.get(choice / 14 % KEYS.size()), choice / 7);
                default -> {
                    if (choice % 14 == 6) {
                        crash();
                    } else {
                        applyPending(pending.size());
                    }
                }
            }
        }

        void submitAdd(String key) {
            byte[] id = newId(PartitionKeys.of(key));
            submit(id, counter(key), ByteString.EMPTY);
        }

        void submitSleeper(long sleepMillis) {
            submit(newId(seq * 7919), Target.newBuilder().setService("Sleeper").setHandler("run").setServiceKind(ServiceKind.SERVICE)
                    .setHandlerKind(HandlerKind.UNKEYED).build(), ByteString.copyFromUtf8(Long.toString(sleepMillis)));
        }

        /** A plain service that calls ({@code call:key}) or sends to ({@code send:key}) a key's add, from partition {@code p}. */
        void submitCaller(String what, int p) {
            byte[] id = newId(PartitionKeys.range(p % PARTITIONS, PARTITIONS).first() + seq);
            submit(id, Target.newBuilder().setService("Caller").setHandler("run").setServiceKind(ServiceKind.SERVICE)
                    .setHandlerKind(HandlerKind.UNKEYED).build(), ByteString.copyFromUtf8(what));
        }

        void submitCrossingCall() throws Exception {
            int keyPartition = PartitionKeys.partitionOf(PartitionKeys.of("a"), PARTITIONS);
            submitCaller("call:a", keyPartition + 1);
            drain();
        }

        private void submit(byte[] id, Target target, ByteString input) {
            pending.add(new Routed(ownerOf(id), command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id))
                    .setTarget(target).setInput(input).setDeployment(DEPLOYMENT)).build()));
        }

        private static Target counter(String key) {
            return Target.newBuilder().setService("Counter").setHandler("add").setKey(key)
                    .setServiceKind(ServiceKind.VIRTUAL_OBJECT).setHandlerKind(HandlerKind.EXCLUSIVE).build();
        }

        private byte[] newId(long partitionKey) {
            seq++;
            return ByteBuffer.allocate(24).putLong(partitionKey).putLong(seq).putLong(~seq).array();
        }

        private static int ownerOf(byte[] id) {
            return PartitionKeys.partitionOf(InvocationId.fromBytes(id).partitionKey(), PARTITIONS);
        }

        void applyPending(int n) {
            List<Routed> batch = new ArrayList<>();
            for (int i = 0; i < n && !pending.isEmpty(); i++) {
                batch.add(pending.poll());
            }
            if (!batch.isEmpty()) {
                apply(batch);
            }
        }

        /** Applies commands as the partitions do: one storage batch per partition, effects after the commit. */
        void apply(List<Routed> commands) {
            for (int p = 0; p < PARTITIONS; p++) {
                List<Command> batch = new ArrayList<>();
                for (Routed r : commands) {
                    if (r.partition() == p) {
                        batch.add(r.command());
                    }
                }
                if (!batch.isEmpty()) {
                    apply(p, batch);
                }
            }
        }

        private void apply(int partition, List<Command> batch) {
            List<Effect> effects = new ArrayList<>();
            Tx tx;
            try (Snapshot snapshot = storage.snapshot()) {
                tx = new Tx(snapshot);
                for (Command c : batch) {
                    machines[partition].apply(c, tx, effects::add);
                }
            }
            storage.commit(tx.batch());
            batch.forEach(c -> log.add(new Routed(partition, c)));
            for (Command c : batch) {
                if (c.hasInvoke()) {
                    acknowledge(c.getInvoke());
                }
            }
            effects.forEach(this::carryOut);
        }

        private void carryOut(Effect effect) {
            if (effect instanceof Effect.StartAttempt s) {
                running.put(ByteBuffer.wrap(s.invocationId()), s.epoch());
            } else if (effect instanceof Effect.ArmTimer t) {
                timers.computeIfAbsent(t.wakeMillis(), w -> new ArrayList<>()).add(new Routed(t.partition(), timerFired(t.timerKey())));
            } else if (effect instanceof Effect.AckOutbox a) {
                pending.add(new Routed(a.toPartition(), command().setOutboxAck(OutboxAck.newBuilder().setSeq(a.seq())).build()));
            } else if (effect instanceof Effect.Deliver d) { // as the engine turns a delivery into a command
                Command.Builder command = command();
                if (d.message().hasInvoke()) {
                    command.setInvoke(d.message().getInvoke().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
                } else {
                    command.setComplete(d.message().getComplete().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
                }
                crossed += d.fromPartition() != d.toPartition() ? 1 : 0;
                pending.add(new Routed(d.toPartition(), command.build()));
            } else if (effect instanceof Effect.Rejected r) {
                throw new AssertionError("partition " + r.partition() + " rejected a " + r.command() + " command: " + r.reason());
            }
        }

        private Command timerFired(byte[] key) {
            return command().setTimer(TimerFired.newBuilder().setTimerKey(ByteString.copyFrom(key))).build();
        }

        private void acknowledge(Invoke invoke) {
            ByteBuffer id = ByteBuffer.wrap(invoke.getInvocationId().toByteArray());
            List<ByteBuffer> list = switch (invoke.getTarget().getService()) {
                case "Counter" -> acknowledged.computeIfAbsent(invoke.getTarget().getKey(), k -> new ArrayList<>());
                case "Sleeper" -> sleepers;
                default -> callers;
            };
            if (!list.contains(id)) { // an outbox redelivery is applied once
                list.add(id);
            }
        }

        /** The simulated SDK: replays the journal and proposes only what is not journaled yet. */
        void runAttempt(int choice) throws InvalidProtocolBufferException {
            if (running.isEmpty()) {
                return;
            }
            List<ByteBuffer> ids = new ArrayList<>(running.keySet());
            ByteBuffer key = ids.get(choice % ids.size());
            long epoch = running.remove(key);
            byte[] id = key.array();
            InvocationStatus status = status(id).orElseThrow();
            List<JournalEntry> journal = journal(id);
            List<Frame> missing = new ArrayList<>();
            AttemptEnded.Builder ended = AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(id)).setEpoch(epoch).setJitter(0.5);
            switch (status.getTarget().getService()) {
                case "Counter" -> add(status, journal, missing, ended);
                case "Sleeper" -> sleep(journal, missing, ended);
                default -> call(journal, missing, ended);
            }
            if (choice % 3 == 0) { // fail part-way: a prefix of what it wanted to propose, then an error
                missing = missing.subList(0, choice / 3 % (missing.size() + 1));
                ended.clearHow().setFailed(AttemptFailed.newBuilder().setCode(500).setMessage("boom"));
            }
            // the invoker sends frames that arrive with the end inside AttemptEnded, and frames streamed earlier apart
            int partition = ownerOf(id);
            if (!missing.isEmpty() && choice % 2 == 0) {
                ended.addAllFrames(missing);
            } else if (!missing.isEmpty()) {
                pending.add(new Routed(partition, command().setFrames(AttemptFrames.newBuilder().setInvocationId(ByteString.copyFrom(id))
                        .setEpoch(epoch).addAllFrames(missing).setJitter(0.25)).build()));
            }
            pending.add(new Routed(partition, command().setEnded(ended).build()));
        }

        private void add(InvocationStatus status, List<JournalEntry> journal, List<Frame> missing, AttemptEnded.Builder ended) {
            long value = journaled(journal, MessageType.SET_STATE_COMMAND)
                    .map(e -> parseSet(e)).orElseGet(() -> readCount(status.getTarget().getKey()) + 1);
            if (journaled(journal, MessageType.SET_STATE_COMMAND).isEmpty()) {
                missing.add(frame(MessageType.SET_STATE_COMMAND, SetStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("count"))
                        .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8(Long.toString(value)))).build().toByteString()));
            }
            if (journaled(journal, MessageType.OUTPUT_COMMAND).isEmpty()) {
                missing.add(output(Long.toString(value)));
            }
            ended.setEnd(true);
        }

        private void sleep(List<JournalEntry> journal, List<Frame> missing, AttemptEnded.Builder ended) {
            if (journaled(journal, MessageType.SLEEP_COMMAND).isEmpty()) {
                long sleep = Long.parseLong(inputOf(journal));
                missing.add(frame(MessageType.SLEEP_COMMAND, SleepCommandMessage.newBuilder().setWakeUpTime(now + sleep).setResultCompletionId(1).build().toByteString()));
                ended.setSuspended(Awaiting.newBuilder().addCompletions(1).addSignals(1));
            } else if (journaled(journal, MessageType.SLEEP_COMPLETION).isPresent()) {
                if (journaled(journal, MessageType.OUTPUT_COMMAND).isEmpty()) {
                    missing.add(output("woke"));
                }
                ended.setEnd(true);
            } else {
                ended.setSuspended(Awaiting.newBuilder().addCompletions(1).addSignals(1));
            }
        }

        /** Caller: a call whose result becomes its output, or a send and the output "sent". */
        private void call(List<JournalEntry> journal, List<Frame> missing, AttemptEnded.Builder ended) throws InvalidProtocolBufferException {
            String[] what = inputOf(journal).split(":");
            boolean call = what[0].equals("call");
            Invoke callee = Invoke.newBuilder().setTarget(counter(what[1])).setDeployment(DEPLOYMENT).build();
            if (journaled(journal, call ? MessageType.CALL_COMMAND : MessageType.ONE_WAY_CALL_COMMAND).isEmpty()) {
                missing.add(call
                        ? frame(MessageType.CALL_COMMAND, CallCommandMessage.newBuilder().setServiceName("Counter").setHandlerName("add")
                                .setKey(what[1]).setInvocationIdNotificationIdx(1).setResultCompletionId(2).build().toByteString()).toBuilder()
                                .setResolved(callee).build()
                        : frame(MessageType.ONE_WAY_CALL_COMMAND, OneWayCallCommandMessage.newBuilder().setServiceName("Counter").setHandlerName("add")
                                .setKey(what[1]).setInvocationIdNotificationIdx(1).build().toByteString()).toBuilder()
                                .setResolved(callee).build());
            }
            Optional<JournalEntry> result = journaled(journal, MessageType.CALL_COMPLETION);
            if (call && result.isEmpty()) {
                ended.setSuspended(Awaiting.newBuilder().addCompletions(2));
                return;
            }
            if (journaled(journal, MessageType.OUTPUT_COMMAND).isEmpty()) {
                missing.add(output(call
                        ? CallCompletionNotificationMessage.parseFrom(result.get().getPayload()).getValue().getContent().toStringUtf8()
                        : "sent"));
            }
            ended.setEnd(true);
        }

        void advance(long millis) {
            now += millis;
            while (!timers.isEmpty() && timers.firstKey() <= now) {
                pending.addAll(timers.pollFirstEntry().getValue());
            }
        }

        void recoverAll() {
            List<Routed> recover = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                recover.add(new Routed(p, command().setRecover(true).build()));
            }
            apply(recover);
        }

        /**
         * Loses everything in memory (queued commands, running attempts, the timer schedule), then recovers, and
         * reloads the timers from the table as the timer service does, a few at a time.
         */
        void crash() {
            pending.clear();
            running.clear();
            timers.clear();
            recoverAll();
            try (Snapshot snapshot = storage.snapshot()) {
                for (int p = 0; p < PARTITIONS; p++) {
                    byte[] after = null;
                    List<TimersTable.TimerRow> page;
                    while (!(page = tables.timers().dueFrom(snapshot, p, after, 2)).isEmpty()) {
                        for (TimersTable.TimerRow row : page) {
                            timers.computeIfAbsent(row.wakeMillis(), w -> new ArrayList<>()).add(new Routed(p, timerFired(row.key())));
                            after = row.key();
                        }
                    }
                }
            }
        }

        void drain() throws Exception {
            for (int round = 0; round < 10_000; round++) {
                if (!pending.isEmpty()) {
                    applyPending(pending.size());
                } else if (!running.isEmpty()) {
                    runAttempt(1); // choice 1: never fails
                } else if (!timers.isEmpty()) {
                    advance(timers.firstKey() - now);
                } else {
                    return;
                }
            }
            throw new AssertionError("the engine did not quiesce");
        }

        void checkOneLockHolderPerKey() {
            for (String key : KEYS) {
                long holding = acknowledged.getOrDefault(key, List.of()).stream()
                        .map(id -> status(id.array()).orElseThrow().getPhase())
                        .filter(p -> p == Phase.INVOKED || p == Phase.BACKING_OFF || p == Phase.SUSPENDED).count();
                assertThat(holding).as("invocations holding the lock of key " + key).isLessThanOrEqualTo(1);
            }
        }

        void checkModel() throws Exception {
            ListingsCheck.assertListingsMatchStatuses(storage, tables, PARTITIONS);
            for (String key : KEYS) {
                List<ByteBuffer> ids = acknowledged.getOrDefault(key, List.of());
                for (int i = 0; i < ids.size(); i++) {
                    InvocationStatus status = status(ids.get(i).array()).orElseThrow();
                    assertThat(status.getPhase()).isEqualTo(Phase.COMPLETED);
                    assertThat(status.getOutcome().getValue().toStringUtf8()).as("output of the %d-th add on %s", i + 1, key).isEqualTo(Long.toString(i + 1));
                }
                assertThat(readCount(key)).as("state of key " + key).isEqualTo(ids.size());
            }
            for (ByteBuffer id : sleepers) {
                assertThat(status(id.array()).orElseThrow().getPhase()).isEqualTo(Phase.COMPLETED);
            }
            for (ByteBuffer id : callers) {
                InvocationStatus status = status(id.array()).orElseThrow();
                assertThat(status.getPhase()).isEqualTo(Phase.COMPLETED);
                byte[] callee = InvocationId.parse(CallInvocationIdCompletionNotificationMessage.parseFrom(
                        journaled(journal(id.array()), MessageType.CALL_INVOCATION_ID_COMPLETION).orElseThrow().getPayload()).getInvocationId()).toBytes();
                InvocationStatus calleeStatus = status(callee).orElseThrow();
                assertThat(acknowledged.get(calleeStatus.getTarget().getKey())).as("the callee is one of its key's adds").contains(ByteBuffer.wrap(callee));
                if (inputOf(journal(id.array())).startsWith("call:")) {
                    assertThat(status.getOutcome().getValue()).as("a caller's output is its callee's").isEqualTo(calleeStatus.getOutcome().getValue());
                }
            }
            assertThat(dumpOf(tables.locks())).as("no lock left held").isEmpty();
            assertThat(dumpOf(tables.inbox())).as("no inbox entry left").isEmpty();
            assertThat(dumpOf(tables.outbox())).as("every outbox message acknowledged").isEmpty();
            assertThat(dumpOf(tables.rejected())).as("no command rejected").isEmpty();
            assertThat(dumpOf(tables.active())).as("no invocation left active").isEmpty();
        }

        /** Every table's full contents, keyspace by keyspace. */
        Map<String, Map<String, String>> dump() {
            Map<String, Map<String, String>> out = new TreeMap<>();
            for (Table table : tables.all()) {
                out.put(table.keyspace().name(), dumpOf(table));
            }
            return out;
        }

        private Map<String, String> dumpOf(Table table) {
            Map<String, String> out = new TreeMap<>();
            try (Snapshot s = storage.snapshot(); KeyValueIterator it = s.scan(table.keyspace(), KeyRange.all())) {
                while (it.hasNext()) {
                    KeyValue kv = it.next();
                    out.put(HexFormat.of().formatHex(kv.key()), HexFormat.of().formatHex(kv.value()));
                }
            }
            return out;
        }

        private long readCount(String key) {
            try (Snapshot s = storage.snapshot()) {
                return tables.state().get(Reads.of(s), new dev.resolute.worker.tables.ObjectKey(PartitionKeys.of(key), "Counter", key),
                        "count".getBytes(StandardCharsets.UTF_8)).map(v -> Long.parseLong(new String(v, StandardCharsets.UTF_8))).orElse(0L);
            }
        }

        private Optional<InvocationStatus> status(byte[] id) {
            try (Snapshot s = storage.snapshot()) {
                return tables.status().get(Reads.of(s), id);
            }
        }

        private List<JournalEntry> journal(byte[] id) {
            try (Snapshot s = storage.snapshot()) {
                return tables.journal().entries(Reads.of(s), id);
            }
        }

        private static Optional<JournalEntry> journaled(List<JournalEntry> journal, MessageType type) {
            return journal.stream().filter(e -> e.getType() == type.id()).findFirst();
        }

        private static long parseSet(JournalEntry entry) {
            try {
                return Long.parseLong(SetStateCommandMessage.parseFrom(entry.getPayload()).getValue().getContent().toStringUtf8());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String inputOf(List<JournalEntry> journal) {
            try {
                return dev.resolute.worker.protocol.pb.InputCommandMessage.parseFrom(journal.get(0).getPayload()).getValue().getContent().toStringUtf8();
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Frame output(String value) {
            return frame(MessageType.OUTPUT_COMMAND, OutputCommandMessage.newBuilder()
                    .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8(value))).build().toByteString());
        }

        private static Frame frame(MessageType type, ByteString payload) {
            return Frame.newBuilder().setType(type.id()).setPayload(payload).build();
        }
    }
}
