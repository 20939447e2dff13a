package dev.resolute.worker.introspection;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.RowScan;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.spi.query.TableColumn;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
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
import dev.resolute.worker.engine.pb.OutboxAck;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.engine.pb.TimerFired;
import dev.resolute.worker.fsm.Effect;
import dev.resolute.worker.fsm.PartitionStateMachine;
import dev.resolute.worker.fsm.RetryPolicy;
import dev.resolute.worker.ids.DeploymentId;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The partition state machines of a small engine over one store, driven by the commands the invoker, the ingress and
 * the timers would propose; outbox messages are delivered at once. Which attempts run ({@code in_flight}) is up to
 * the test. Reads the engine's introspection tables as name → value maps.
 */
public final class FsmDriver {
    public static final int PARTITIONS = 2;
    public static final Deployment DEPLOYMENT = Deployment.newBuilder().setId(new DeploymentId(0x0123456789L, 42).toString()).setProtocolVersion(6).build();

    public final Storage storage;
    public final Tables tables;
    public final Set<ByteBuffer> running = new HashSet<>();
    final EngineIntrospection introspection;
    private final PartitionStateMachine[] machines = new PartitionStateMachine[PARTITIONS];
    private final TreeMap<Long, List<Effect.ArmTimer>> timers = new TreeMap<>();
    public long now = 1_700_000_000_000L;
    private long seq;

    public FsmDriver(Storage storage, RetryPolicy retry) {
        this(storage, retry, deployment -> Optional.empty());
    }

    /** @param sdkOf the SDK each deployment (by id) introduced itself as */
    public FsmDriver(Storage storage, RetryPolicy retry, Function<String, Optional<String>> sdkOf) {
        this.storage = storage;
        this.tables = new Tables(storage);
        for (int p = 0; p < PARTITIONS; p++) {
            machines[p] = new PartitionStateMachine(p, PARTITIONS, tables, retry);
        }
        this.introspection = new EngineIntrospection(storage, id -> running.contains(ByteBuffer.wrap(id)), sdkOf);
    }

    public FsmDriver(Storage storage) {
        this(storage, new RetryPolicy(Duration.ofSeconds(1), 2.0, 3, Duration.ofSeconds(10), true));
    }

    public static Target service(String name, String handler) {
        return Target.newBuilder().setService(name).setHandler(handler).setServiceKind(ServiceKind.SERVICE).setHandlerKind(HandlerKind.UNKEYED).build();
    }

    public static Target object(String name, String key, String handler) {
        return Target.newBuilder().setService(name).setHandler(handler).setKey(key).setServiceKind(ServiceKind.VIRTUAL_OBJECT)
                .setHandlerKind(HandlerKind.EXCLUSIVE).build();
    }

    public static Target workflow(String name, String key, String handler, HandlerKind kind) {
        return Target.newBuilder().setService(name).setHandler(handler).setKey(key).setServiceKind(ServiceKind.WORKFLOW)
                .setHandlerKind(kind).build();
    }

    /** A new invocation of {@code target} from the ingress; keyed ones in their key's partition. */
    public byte[] invoke(Target target, Invoke.Builder options) {
        seq++;
        long partitionKey = target.getKey().isEmpty() ? seq * 0x9E3779B97F4A7C15L : PartitionKeys.of(target.getKey());
        byte[] id = options.getInvocationId().isEmpty() ? new InvocationId(partitionKey, seq, ~seq).toBytes() : options.getInvocationId().toByteArray();
        apply(command().setInvoke(options.setInvocationId(ByteString.copyFrom(id)).setTarget(target).setDeployment(DEPLOYMENT)
                .setInput(ByteString.copyFromUtf8("in"))).build());
        return id;
    }

    public byte[] invoke(Target target) {
        return invoke(target, Invoke.newBuilder());
    }

    public Command.Builder command() {
        return Command.newBuilder().setNow(now);
    }

    public long epoch(byte[] id) {
        return status(id).getEpoch();
    }

    public InvocationStatus status(byte[] id) {
        try (Snapshot snapshot = storage.snapshot()) {
            return tables.status().get(Reads.of(snapshot), id).orElseThrow();
        }
    }

    /** Journal frames from the running attempt; a call or send carries {@code callee} resolved. */
    public void frames(byte[] id, Target callee, Frame... frames) {
        AttemptFrames.Builder command = AttemptFrames.newBuilder().setInvocationId(ByteString.copyFrom(id)).setEpoch(epoch(id));
        for (Frame frame : frames) {
            command.addFrames(callee == null ? frame : frame.toBuilder().setResolved(Invoke.newBuilder().setTarget(callee).setDeployment(DEPLOYMENT)).build());
        }
        apply(command().setFrames(command).build());
    }

    public static Frame frame(Message message) {
        return Frame.newBuilder().setType(MessageType.of(message).id()).setPayload(message.toByteString()).build();
    }

    public void end(byte[] id, String output) {
        apply(command().setEnded(ended(id).addFrames(frame(OutputCommandMessage.newBuilder()
                .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8(output))).build())).setEnd(true)).build());
    }

    public void fail(byte[] id, AttemptFailed failure) {
        apply(command().setEnded(ended(id).setFailed(failure)).build());
    }

    public void suspend(byte[] id, Awaiting awaiting) {
        apply(command().setEnded(ended(id).setSuspended(awaiting)).build());
    }

    private AttemptEnded.Builder ended(byte[] id) {
        return AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(id)).setEpoch(epoch(id)).setJitter(0.5);
    }

    /** Moves the clock and fires the timers due by then. */
    public void advance(Duration by) {
        now += by.toMillis();
        while (!timers.isEmpty() && timers.firstKey() <= now) {
            for (Effect.ArmTimer timer : timers.pollFirstEntry().getValue()) {
                apply(timer.partition(), command().setTimer(TimerFired.newBuilder().setTimerKey(ByteString.copyFrom(timer.timerKey()))).build());
            }
        }
    }

    public Reply apply(Command command) {
        byte[] about = switch (command.getKindCase()) {
            case INVOKE -> command.getInvoke().getInvocationId().toByteArray();
            case FRAMES -> command.getFrames().getInvocationId().toByteArray();
            case ENDED -> command.getEnded().getInvocationId().toByteArray();
            case RESTART_AS_NEW -> command.getRestartAsNew().getInvocationId().toByteArray();
            case PAUSE -> command.getPause().getInvocationId().toByteArray();
            case CANCEL -> command.getCancel().getInvocationId().toByteArray();
            case KILL -> command.getKill().getInvocationId().toByteArray();
            case RESUME -> command.getResume().getInvocationId().toByteArray();
            case PURGE -> command.getPurge().getInvocationId().toByteArray();
            default -> throw new IllegalArgumentException(command.getKindCase().name());
        };
        return apply(PartitionKeys.partitionOf(InvocationId.fromBytes(about).partitionKey(), PARTITIONS), command);
    }

    public Reply apply(int partition, Command command) {
        List<Effect> effects = new ArrayList<>();
        Tx tx;
        Reply reply;
        try (Snapshot snapshot = storage.snapshot()) {
            tx = new Tx(snapshot);
            reply = machines[partition].apply(command, tx, effects::add);
        }
        storage.commit(tx.batch());
        for (Effect effect : effects) {
            if (effect instanceof Effect.Deliver d) {
                apply(d.toPartition(), delivery(d));
            } else if (effect instanceof Effect.AckOutbox a) {
                apply(a.toPartition(), command().setOutboxAck(OutboxAck.newBuilder().setSeq(a.seq())).build());
            } else if (effect instanceof Effect.ArmTimer t) {
                timers.computeIfAbsent(t.wakeMillis(), w -> new ArrayList<>()).add(t);
            } else if (effect instanceof Effect.Rejected r) {
                throw new AssertionError("rejected: " + r.reason());
            }
        }
        return reply;
    }

    private Command delivery(Effect.Deliver d) {
        Command.Builder c = command();
        var m = d.message();
        if (m.hasInvoke()) {
            c.setInvoke(m.getInvoke().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        } else if (m.hasSignal()) {
            c.setSignal(m.getSignal().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        } else if (m.hasAttachRequest()) {
            c.setAttachRequest(m.getAttachRequest().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        } else if (m.hasAttachAnswer()) {
            c.setAttachAnswer(m.getAttachAnswer().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        } else if (m.hasCancel()) {
            c.setCancel(m.getCancel().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        } else if (m.hasKill()) {
            c.setKill(m.getKill().toBuilder().setFromOutbox(true).setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        } else {
            c.setComplete(m.getComplete().toBuilder().setFromPartition(d.fromPartition()).setOutboxSeq(d.seq()));
        }
        return c.build();
    }

    IntrospectedTable table(String name) {
        return introspection.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** The rows a scan of {@code table} with {@code filter} returns, as column name → value (nulls left out). */
    public List<Map<String, Object>> rows(String table, ScanFilter filter) {
        IntrospectedTable t = table(table);
        List<Map<String, Object>> out = new ArrayList<>();
        try (RowScan scan = t.scan(filter)) {
            while (scan.hasNext()) {
                Object[] values = scan.next();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    TableColumn column = t.columns().get(i);
                    if (values[i] != null) {
                        row.put(column.name(), values[i]);
                    }
                }
                out.add(row);
            }
        }
        return out;
    }

    public List<Map<String, Object>> rows(String table) {
        return rows(table, ScanFilter.ALL);
    }

    /** The one row of {@code table} whose {@code column} is {@code value}. */
    public Map<String, Object> row(String table, String column, Object value) {
        List<Map<String, Object>> rows = rows(table).stream().filter(r -> value.equals(r.get(column))).toList();
        if (rows.size() != 1) {
            throw new AssertionError(rows.size() + " rows of " + table + " with " + column + " = " + value + ": " + rows);
        }
        return rows.get(0);
    }
}
