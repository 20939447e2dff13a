package dev.resolute.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keyspace;
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
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.SleepCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
 * The partition state machine against a simple model: random interleavings of submissions to a
 * virtual object's keys and to a sleeping service, attempts that succeed or fail part-way, timers,
 * and crashes that lose everything not yet committed. A simulated SDK replays journals as a real one
 * does. Whatever the interleaving, every acknowledged invocation completes exactly once, each key's
 * state counts its acknowledged adds, an exclusive handler's invocations run in submission order,
 * one lock holder exists per key at any time, and replaying the command log on a fresh store gives
 * byte-identical tables.
 */
class StateMachineProperties {
    private static final List<String> KEYS = List.of("a", "b", "c");
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofMillis(10), 2.0, Integer.MAX_VALUE, Duration.ofMillis(100), true);

    @Property(tries = 200)
    void everyAcknowledgedInvocationCompletesExactlyOnceInOrder(@ForAll @Size(min = 1, max = 120) List<@IntRange(min = 0, max = 999) Integer> choices)
            throws Exception {
        Path dir = Files.createTempDirectory("sm-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir.resolve("a"), Map.of())) {
            Harness h = new Harness(store.storage());
            h.apply(List.of(h.command().setRecover(true).build()));
            for (int choice : choices) {
                h.step(choice);
                h.checkOneLockHolderPerKey();
            }
            h.drain();
            h.checkModel();

            try (OpenStore replica = OpenStore.open(new LmdbStorageFactory(), dir.resolve("b"), Map.of())) {
                Harness replay = new Harness(replica.storage());
                for (Command command : h.log) {
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

    /** One store, one partition, a virtual clock, and a simulated SDK. */
    private static final class Harness {
        final Storage storage;
        final Tables tables;
        final StateMachine machine;
        final List<Command> log = new ArrayList<>();
        final Deque<Command> pending = new ArrayDeque<>();
        final Map<ByteBuffer, Long> running = new LinkedHashMap<>();
        final TreeMap<Long, List<byte[]>> timers = new TreeMap<>();
        final Map<ByteBuffer, String> keyOf = new HashMap<>();          // add invocations -> key
        final Map<String, List<ByteBuffer>> acknowledged = new HashMap<>(); // per key, in applied order
        final List<ByteBuffer> sleepers = new ArrayList<>();
        long now = 1_000_000;
        long seq;

        Harness(Storage storage) {
            this.storage = storage;
            this.tables = new Tables(storage);
            this.machine = new StateMachine(0, 1, tables, RETRY);
        }

        Command.Builder command() {
            return Command.newBuilder().setNow(now);
        }

        void step(int choice) throws Exception {
            switch (choice % 6) {
                case 0 -> submitAdd(KEYS.get(choice / 6 % KEYS.size()));
                case 1 -> submitSleeper(1 + choice / 6 % 50);
                case 2 -> applyPending(1 + choice / 6 % 4);
                case 3 -> runAttempt(choice / 6);
                case 4 -> advance(choice / 6 % 60);
                default -> {
                    if (choice % 12 == 5) {
                        crash();
                    } else {
                        applyPending(pending.size());
                    }
                }
            }
        }

        void submitAdd(String key) {
            byte[] id = newId(PartitionKeys.of(key));
            keyOf.put(ByteBuffer.wrap(id), key);
            pending.add(command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id))
                    .setTarget(Target.newBuilder().setService("Counter").setHandler("add").setKey(key)
                            .setServiceKind(ServiceKind.VIRTUAL_OBJECT).setHandlerKind(HandlerKind.EXCLUSIVE))
                    .setDeployment(Deployment.newBuilder().setId("dp").setProtocolVersion(6))).build());
        }

        void submitSleeper(long sleepMillis) {
            byte[] id = newId(seq * 7919);
            pending.add(command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id))
                    .setInput(ByteString.copyFromUtf8(Long.toString(sleepMillis)))
                    .setTarget(Target.newBuilder().setService("Sleeper").setHandler("run").setServiceKind(ServiceKind.SERVICE)
                            .setHandlerKind(HandlerKind.UNKEYED))
                    .setDeployment(Deployment.newBuilder().setId("dp").setProtocolVersion(6))).build());
        }

        private byte[] newId(long partitionKey) {
            seq++;
            return ByteBuffer.allocate(24).putLong(partitionKey).putLong(seq).putLong(~seq).array();
        }

        void applyPending(int n) {
            List<Command> batch = new ArrayList<>();
            for (int i = 0; i < n && !pending.isEmpty(); i++) {
                batch.add(pending.poll());
            }
            if (!batch.isEmpty()) {
                apply(batch);
            }
        }

        /** Applies a batch as a partition does: one storage batch, effects after the commit. */
        void apply(List<Command> batch) {
            List<Effect> effects = new ArrayList<>();
            Tx tx;
            try (Snapshot snapshot = storage.snapshot()) {
                tx = new Tx(snapshot);
                for (Command c : batch) {
                    machine.apply(c, tx, effects::add);
                }
            }
            storage.commit(tx.batch());
            log.addAll(batch);
            for (Command c : batch) {
                if (c.hasInvoke() && !c.getInvoke().getFromOutbox()) {
                    acknowledge(c.getInvoke());
                }
            }
            for (Effect effect : effects) {
                if (effect instanceof Effect.StartAttempt s) {
                    running.put(ByteBuffer.wrap(s.invocationId()), s.epoch());
                } else if (effect instanceof Effect.ArmTimer t) {
                    timers.computeIfAbsent(t.wakeMillis(), w -> new ArrayList<>()).add(t.timerKey());
                } else if (effect instanceof Effect.AckOutbox a) {
                    pending.add(command().setOutboxAck(OutboxAck.newBuilder().setSeq(a.seq())).build());
                }
            }
        }

        private void acknowledge(Invoke invoke) {
            ByteBuffer id = ByteBuffer.wrap(invoke.getInvocationId().toByteArray());
            String key = keyOf.get(id);
            if (key != null) {
                List<ByteBuffer> list = acknowledged.computeIfAbsent(key, k -> new ArrayList<>());
                if (!list.contains(id)) {
                    list.add(id);
                }
            } else if (!sleepers.contains(id)) {
                sleepers.add(id);
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
            if (status.getTarget().getServiceKind() == ServiceKind.VIRTUAL_OBJECT) {
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
            } else if (journaled(journal, MessageType.SLEEP_COMMAND).isEmpty()) {
                long sleep = Long.parseLong(status.getTarget().getKey().isEmpty() ? inputOf(journal) : "1");
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
            if (choice % 3 == 0) { // fail part-way: a prefix of what it wanted to propose, then an error
                missing = missing.subList(0, choice / 3 % (missing.size() + 1));
                ended.clearHow().setFailed(AttemptFailed.newBuilder().setCode(500).setMessage("boom"));
            }
            // the invoker sends frames that arrive with the end inside AttemptEnded, and frames streamed earlier apart
            if (!missing.isEmpty() && choice % 2 == 0) {
                ended.addAllFrames(missing);
            } else if (!missing.isEmpty()) {
                pending.add(command().setFrames(AttemptFrames.newBuilder().setInvocationId(ByteString.copyFrom(id)).setEpoch(epoch).addAllFrames(missing)).build());
            }
            pending.add(command().setEnded(ended).build());
        }

        void advance(long millis) {
            now += millis;
            while (!timers.isEmpty() && timers.firstKey() <= now) {
                for (byte[] key : timers.pollFirstEntry().getValue()) {
                    pending.add(command().setTimer(TimerFired.newBuilder().setTimerKey(ByteString.copyFrom(key))).build());
                }
            }
        }

        /** Loses everything in memory (queued commands, running attempts, the timer schedule), then recovers. */
        void crash() {
            pending.clear();
            running.clear();
            timers.clear();
            apply(List.of(command().setRecover(true).build()));
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

        void checkOneLockHolderPerKey() throws Exception {
            for (String key : KEYS) {
                long holding = acknowledged.getOrDefault(key, List.of()).stream()
                        .map(id -> status(id.array()).orElseThrow().getPhase())
                        .filter(p -> p == Phase.INVOKED || p == Phase.BACKING_OFF || p == Phase.SUSPENDED).count();
                assertThat(holding).as("invocations holding the lock of key " + key).isLessThanOrEqualTo(1);
            }
        }

        void checkModel() throws Exception {
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
            assertThat(dumpOf(tables.locks)).as("no lock left held").isEmpty();
            assertThat(dumpOf(tables.inbox)).as("no inbox entry left").isEmpty();
            assertThat(dumpOf(tables.outbox)).as("every outbox message acknowledged").isEmpty();
        }

        Map<String, Map<String, String>> dump() {
            Map<String, Map<String, String>> out = new TreeMap<>();
            for (Keyspace ks : List.of(tables.status, tables.journal, tables.notifications, tables.state, tables.locks, tables.inbox,
                    tables.timers, tables.outbox, tables.meta)) {
                out.put(ks.name(), dumpOf(ks));
            }
            return out;
        }

        private Map<String, String> dumpOf(Keyspace ks) {
            Map<String, String> out = new TreeMap<>();
            try (Snapshot s = storage.snapshot(); KeyValueIterator it = s.scan(ks, KeyRange.all())) {
                while (it.hasNext()) {
                    KeyValue kv = it.next();
                    out.put(java.util.HexFormat.of().formatHex(kv.key()), java.util.HexFormat.of().formatHex(kv.value()));
                }
            }
            return out;
        }

        private long readCount(String key) {
            try (Snapshot s = storage.snapshot()) {
                return s.get(tables.state, Tables.append(Tables.objectPrefix(PartitionKeys.of(key), "Counter", key), "count".getBytes(StandardCharsets.UTF_8)))
                        .map(v -> Long.parseLong(new String(v, StandardCharsets.UTF_8))).orElse(0L);
            }
        }

        private Optional<InvocationStatus> status(byte[] id) {
            try (Snapshot s = storage.snapshot()) {
                return s.get(tables.status, id).map(b -> {
                    try {
                        return InvocationStatus.parseFrom(b);
                    } catch (InvalidProtocolBufferException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }

        private List<JournalEntry> journal(byte[] id) throws InvalidProtocolBufferException {
            List<JournalEntry> out = new ArrayList<>();
            try (Snapshot s = storage.snapshot(); KeyValueIterator it = s.scan(tables.journal, KeyRange.prefix(id))) {
                while (it.hasNext()) {
                    out.add(JournalEntry.parseFrom(it.next().value()));
                }
            }
            return out;
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
