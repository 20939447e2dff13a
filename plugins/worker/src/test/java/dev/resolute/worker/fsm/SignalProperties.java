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
import dev.resolute.worker.ids.AwakeableId;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CompleteAwakeableCommandMessage;
import dev.resolute.worker.protocol.pb.SendSignalCommandMessage;
import dev.resolute.worker.protocol.pb.SignalNotificationMessage;
import dev.resolute.worker.protocol.pb.Value;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Signals against a model, in any order of delivery and with outbox redeliveries (as after a crash): invocations on
 * every partition send awakeable results and named signals to one suspended waiter; its journal keeps, for each
 * signal index and name, the result of the first delivery applied, and nothing else; it is resumed exactly when a
 * signal it awaits arrived; every outbox message is acknowledged; and replaying the command log gives the same tables.
 */
class SignalProperties {
    private static final int PARTITIONS = 3;
    private static final Deployment V6 = Deployment.newBuilder().setId("dp").setProtocolVersion(6).build();
    private static final List<Integer> INDEXES = List.of(17, 18, 19);
    private static final List<String> NAMES = List.of("go", "stop");

    @Property(tries = 100)
    void theFirstDeliveryOfEachSignalWinsWhateverTheOrder(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 999) Integer> senders,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 999) Integer> schedule) throws Exception {
        Path dir = Files.createTempDirectory("signal-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir.resolve("a"), Map.of())) {
            Harness h = new Harness(store.storage());
            byte[] waiter = h.newId(0);
            h.invoke(waiter);
            h.apply(0, command().setEnded(AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(waiter)).setEpoch(1)
                    .setSuspended(Awaiting.newBuilder().addSignals(17).addNamedSignals("go").addSignals(1))).build());
            for (int i = 0; i < senders.size(); i++) {
                h.send(waiter, i, senders.get(i));
            }
            for (int choice : schedule) { // deliver in any order, sometimes a message already delivered
                if (choice % 4 == 0 && !h.delivered.isEmpty()) {
                    h.applyRouted(h.delivered.get(choice / 4 % h.delivered.size()));
                } else if (!h.pending.isEmpty()) {
                    h.applyRouted(h.pending.remove(choice % h.pending.size()));
                }
            }
            while (!h.pending.isEmpty()) {
                h.applyRouted(h.pending.remove(0));
            }

            Map<String, String> stored = new TreeMap<>();
            for (SignalNotificationMessage n : h.signals(waiter)) {
                String id = n.hasName() ? n.getName() : Integer.toString(n.getIdx());
                assertThat(stored.put(id, n.getValue().getContent().toStringUtf8())).as("signal %s stored once", id).isNull();
            }
            assertThat(stored).isEqualTo(new TreeMap<>(h.firstApplied));
            boolean awaited = stored.containsKey("17") || stored.containsKey("go");
            InvocationStatus status = h.status(waiter);
            assertThat(status.getPhase()).isEqualTo(awaited ? Phase.INVOKED : Phase.SUSPENDED);
            assertThat(status.getEpoch()).as("resumed at most once").isEqualTo(awaited ? 2 : 1);
            assertThat(h.dumpOf(h.tables.outbox())).as("every outbox message acknowledged").isEmpty();
            assertThat(h.dumpOf(h.tables.rejected())).isEmpty();

            try (OpenStore replica = OpenStore.open(new LmdbStorageFactory(), dir.resolve("b"), Map.of())) {
                Harness replay = new Harness(replica.storage());
                for (Routed r : h.log) {
                    replay.apply(r.partition(), r.command());
                }
                assertThat(replay.dump()).as("replaying the command log gives the same tables").isEqualTo(h.dump());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Command.Builder command() {
        return Command.newBuilder().setNow(1_000);
    }

    private record Routed(int partition, Command command) {
    }

    private static final class Harness {
        final Storage storage;
        final Tables tables;
        final PartitionStateMachine[] machines = new PartitionStateMachine[PARTITIONS];
        final List<Routed> log = new ArrayList<>();
        final List<Routed> pending = new ArrayList<>();
        final List<Routed> delivered = new ArrayList<>();
        final Map<String, String> firstApplied = new HashMap<>(); // the model: signal id -> the first value applied
        long seq;

        Harness(Storage storage) {
            this.storage = storage;
            this.tables = new Tables(storage);
            for (int p = 0; p < PARTITIONS; p++) {
                machines[p] = new PartitionStateMachine(p, PARTITIONS, tables, new RetryPolicy(Duration.ofMillis(10), 1.0, 5, Duration.ofMillis(10), false));
            }
        }

        byte[] newId(int partition) {
            seq++;
            return new InvocationId(PartitionKeys.range(partition, PARTITIONS).first() + seq, seq, ~seq).toBytes();
        }

        void invoke(byte[] id) {
            apply(ownerOf(id), command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id)).setDeployment(V6)
                    .setTarget(Target.newBuilder().setService("Svc").setHandler("h").setServiceKind(ServiceKind.SERVICE)
                            .setHandlerKind(HandlerKind.UNKEYED))).build());
        }

        /** Sender {@code n}, on a partition {@code choice} picks, completes an awakeable or sends a named signal. */
        void send(byte[] waiter, int n, int choice) {
            byte[] sender = newId(choice % PARTITIONS);
            invoke(sender);
            String value = "s" + n;
            Frame frame;
            if (choice / PARTITIONS % 2 == 0) {
                String awakeable = AwakeableId.signal(InvocationId.fromBytes(waiter), INDEXES.get(choice / 6 % INDEXES.size())).toString();
                frame = Frame.newBuilder().setType(MessageType.COMPLETE_AWAKEABLE_COMMAND.id()).setPayload(CompleteAwakeableCommandMessage.newBuilder()
                        .setAwakeableId(awakeable).setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8(value))).build().toByteString()).build();
            } else {
                frame = Frame.newBuilder().setType(MessageType.SEND_SIGNAL_COMMAND.id()).setPayload(SendSignalCommandMessage.newBuilder()
                        .setTargetInvocationId(InvocationId.fromBytes(waiter).toString()).setName(NAMES.get(choice / 6 % NAMES.size()))
                        .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8(value))).build().toByteString()).build();
            }
            apply(ownerOf(sender), command().setFrames(AttemptFrames.newBuilder().setInvocationId(ByteString.copyFrom(sender)).setEpoch(1)
                    .addFrames(frame)).build());
        }

        void applyRouted(Routed routed) {
            if (routed.command().hasSignal()) {
                var signal = routed.command().getSignal();
                firstApplied.putIfAbsent(signal.hasName() ? signal.getName() : Integer.toString(signal.getIndex()), signal.getValue().toStringUtf8());
                delivered.add(routed);
            }
            apply(routed.partition(), routed.command());
        }

        void apply(int partition, Command command) {
            List<Effect> effects = new ArrayList<>();
            Tx tx;
            try (Snapshot snapshot = storage.snapshot()) {
                tx = new Tx(snapshot);
                machines[partition].apply(command, tx, effects::add);
            }
            storage.commit(tx.batch());
            log.add(new Routed(partition, command));
            for (Effect e : effects) {
                if (e instanceof Effect.Deliver d) {
                    pending.add(new Routed(d.toPartition(), command().setSignal(d.message().getSignal().toBuilder()
                            .setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq())).build()));
                } else if (e instanceof Effect.AckOutbox a) {
                    pending.add(new Routed(a.toPartition(), command().setOutboxAck(OutboxAck.newBuilder().setSeq(a.seq())).build()));
                } else if (e instanceof Effect.Rejected r) {
                    throw new AssertionError("rejected: " + r.reason());
                }
            }
        }

        static int ownerOf(byte[] id) {
            return PartitionKeys.partitionOf(InvocationId.fromBytes(id).partitionKey(), PARTITIONS);
        }

        InvocationStatus status(byte[] id) {
            try (Snapshot s = storage.snapshot()) {
                return tables.status().get(Reads.of(s), id).orElseThrow();
            }
        }

        List<SignalNotificationMessage> signals(byte[] id) throws InvalidProtocolBufferException {
            List<SignalNotificationMessage> out = new ArrayList<>();
            try (Snapshot s = storage.snapshot()) {
                for (JournalEntry e : tables.journal().entries(Reads.of(s), id)) {
                    if (e.getType() == MessageType.SIGNAL_NOTIFICATION.id()) {
                        out.add(SignalNotificationMessage.parseFrom(e.getPayload()));
                    }
                }
            }
            return out;
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
