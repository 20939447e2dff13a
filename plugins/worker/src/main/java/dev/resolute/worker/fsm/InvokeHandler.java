package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Timer;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.Header;
import dev.resolute.worker.protocol.pb.InputCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.TimersTable;

/** Invoke: a new invocation with its input journaled, started now or at its execution time. */
final class InvokeHandler implements CommandHandler {
    private final Tables tables;
    private final Journal journal;
    private final Starts starts;
    private final TimerArming timers;

    InvokeHandler(Tables tables, Journal journal, Starts starts, TimerArming timers) {
        this.tables = tables;
        this.journal = journal;
        this.starts = starts;
        this.timers = timers;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        Invoke invoke = command.getInvoke();
        byte[] id = invoke.getInvocationId().toByteArray();
        if (id.length != InvocationId.BYTES) {
            throw new CommandRejectedException("an invocation id has " + InvocationId.BYTES + " bytes, this one " + id.length);
        }
        if (invoke.getFromOutbox()) {
            ctx.emit(new Effect.AckOutbox(invoke.getFromPartition(), invoke.getOutboxSeq()));
        }
        if (tables.status().get(ctx.tx(), id).isPresent()) {
            return; // delivered twice (outbox redelivery after a crash): applied once already
        }
        InputCommandMessage.Builder input = InputCommandMessage.newBuilder().setValue(Value.newBuilder().setContent(invoke.getInput()));
        invoke.getHeadersList().forEach(h -> input.addHeaders(Header.newBuilder().setKey(h.getKey()).setValue(h.getValue())));
        InvocationStatus.Builder status = InvocationStatus.newBuilder()
                .setTarget(invoke.getTarget())
                .setDeployment(invoke.getDeployment())
                .setExecutionTime(invoke.getExecutionTime())
                .setCommandCount(1)
                .setCreatedAt(ctx.now())
                .setModifiedAt(ctx.now())
                .setRandomSeed(DerivedIds.seedOf(id))
                .setIdempotencyKey(invoke.getIdempotencyKey());
        if (invoke.hasCompletionRetentionMs()) {
            status.setCompletionRetentionMs(invoke.getCompletionRetentionMs());
        }
        if (invoke.hasJournalRetentionMs()) {
            status.setJournalRetentionMs(invoke.getJournalRetentionMs());
        }
        if (invoke.hasCaller()) {
            status.setCaller(invoke.getCaller());
        }
        if (invoke.hasRetry()) {
            status.setRetry(invoke.getRetry());
        }
        journal.append(ctx, id, status, MessageType.INPUT_COMMAND.id(), input.build().toByteString());
        if (invoke.getExecutionTime() > ctx.now()) {
            tables.status().put(ctx.tx(), id, status.setPhase(Phase.SCHEDULED).build());
            timers.arm(ctx, invoke.getExecutionTime(), id, TimersTable.Kind.START, 0,
                    Timer.newBuilder().setInvocationId(ByteString.copyFrom(id)).setStart(true).build());
            return;
        }
        starts.start(ctx, id, status);
    }
}
