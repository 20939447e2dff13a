package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.Subscriber;
import dev.resolute.worker.engine.pb.Timer;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.Header;
import dev.resolute.worker.protocol.pb.InputCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.TimersTable;
import java.util.Optional;

/**
 * Invoke: a new invocation with its input journaled, started now or at its execution time. An invocation whose id
 * exists already (idempotent requests and workflow runs have deterministic ids) is a duplicate: nothing is applied,
 * the reply is {@code DUPLICATE} with the original id.
 */
final class InvokeHandler implements CommandHandler {
    static final Outcome WORKFLOW_ALREADY_INVOKED = Outcome.newBuilder()
            .setFailure(Failure.newBuilder().setCode(409).setMessage("the workflow method was already invoked")).build();

    private final Tables tables;
    private final Journal journal;
    private final Starts starts;
    private final TimerArming timers;
    private final Subscribers subscribers;
    private final Listings listings;

    InvokeHandler(Tables tables, Journal journal, Starts starts, TimerArming timers, Subscribers subscribers, Listings listings) {
        this.tables = tables;
        this.subscribers = subscribers;
        this.journal = journal;
        this.starts = starts;
        this.timers = timers;
        this.listings = listings;
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
        Optional<InvocationStatus> existing = tables.status().get(ctx.tx(), id);
        if (existing.isPresent()) { // an outbox redelivery, or a duplicate (same idempotency key, same workflow run)
            duplicate(ctx, id, invoke, existing.get());
            return;
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
                .setIdempotencyKey(invoke.getIdempotencyKey())
                .setSender(invoke.getSender());
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
        listings.created(ctx, id, status.getCreatedAt());
        if (invoke.getExecutionTime() > ctx.now()) {
            tables.status().put(ctx.tx(), id, status.setPhase(Phase.SCHEDULED).build());
            timers.arm(ctx, invoke.getExecutionTime(), id, TimersTable.Kind.START, 0,
                    Timer.newBuilder().setInvocationId(ByteString.copyFrom(id)).setStart(true).build());
            return;
        }
        starts.start(ctx, id, status);
    }

    /**
     * Applies nothing new: the proposer learns the original id, and a calling journal gets the original's outcome
     * (a workflow's run answers a second caller with 409, as Restate does). A redelivery of the original is a no-op.
     */
    private void duplicate(ApplyContext ctx, byte[] id, Invoke invoke, InvocationStatus existing) {
        ctx.reply(Replies.of(Reply.Code.DUPLICATE, id));
        if (!invoke.hasCaller() || (existing.hasCaller() && existing.getCaller().equals(invoke.getCaller()))) {
            return;
        }
        Subscriber subscriber = Subscriber.newBuilder().setCaller(invoke.getCaller()).setNotificationType(MessageType.CALL_COMPLETION.id()).build();
        if (existing.getTarget().getHandlerKind() == HandlerKind.WORKFLOW_RUN) {
            subscribers.answer(ctx, subscriber, WORKFLOW_ALREADY_INVOKED);
            return;
        }
        InvocationStatus.Builder status = existing.toBuilder();
        subscribers.subscribe(ctx, status, subscriber);
        if (status.getPhase() != Phase.COMPLETED) {
            tables.status().put(ctx.tx(), id, status.build());
        }
    }
}
