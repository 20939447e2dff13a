package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.spi.storage.StorageException;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.Signal;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A partition's deterministic state machine: applies one command to storage (through a {@link Tx}) and reports the
 * effects to carry out after the commit. No clock, no randomness, no I/O, no configuration reads: time and random
 * draws arrive inside commands and the retry policy at construction, so replaying the same commands gives the same
 * tables — what a replicated command log relies on.
 *
 * <p>Apply is total. Each engine command kind has its handler; journal frames inside attempt commands have one per
 * message type. Input that cannot be accepted becomes a recorded outcome:
 * <ul>
 *   <li>a journal frame that does not parse or has no handler fails its attempt by name (the invocation's last
 *       failure; the retry policy decides what follows; the attempt is told to stop);</li>
 *   <li>any other command that cannot be applied (an unknown kind, a status row that does not decode, an id of the
 *       wrong size) is rejected: its writes are rolled back, a row with the reason goes to the {@code rejected}
 *       table, and a delivery from another partition is still acknowledged, since delivering it again would be
 *       rejected again.</li>
 * </ul>
 * Only storage failures ({@link StorageException}) propagate: the replica is broken then, not the command.
 */
public final class PartitionStateMachine {
    private final int partition;
    private final Map<Command.KindCase, CommandHandler> handlers = new EnumMap<>(Command.KindCase.class);
    private final Rejections rejections;

    /**
     * @param partition      the partition this machine applies for
     * @param partitionCount how many partitions the key space is split into
     * @param retryPolicy    the server's default retry policy, for invocations that carry none
     */
    public PartitionStateMachine(int partition, int partitionCount, Tables tables, RetryPolicy retryPolicy) {
        this.partition = partition;
        Partition p = new Partition(partition, partitionCount);
        Starts starts = new Starts(tables, p);
        Outbox outbox = new Outbox(tables, p);
        TimerArming timers = new TimerArming(tables, p);
        Journal journal = new Journal(tables, starts);
        rejections = new Rejections(tables, p);
        StateReplacements stateReplacements = new StateReplacements(tables, p, rejections);
        Subscribers subscribers = new Subscribers(outbox);
        Listings listings = new Listings(tables, p);
        Purges purges = new Purges(tables, listings);
        Retention retention = new Retention(tables, p, purges, rejections);
        Completions completions = new Completions(tables, starts, outbox, subscribers, stateReplacements, retention, listings);
        Retries retries = new Retries(tables, retryPolicy, completions, timers);
        Terminations terminations = new Terminations(tables, journal, starts, completions, outbox);
        JournalFrames frames = new JournalFrames(journalHandlers(tables, journal, outbox, timers), journal, retries);
        handlers.put(Command.KindCase.INVOKE, new InvokeHandler(tables, journal, starts, timers, subscribers, listings));
        handlers.put(Command.KindCase.FRAMES, new AttemptFramesHandler(tables, frames));
        handlers.put(Command.KindCase.ENDED, new AttemptEndedHandler(tables, frames, journal, starts, completions, retries));
        handlers.put(Command.KindCase.TIMER, new TimerFiredHandler(tables, p, journal, starts, rejections));
        handlers.put(Command.KindCase.COMPLETE, new CompleteHandler(tables, journal));
        handlers.put(Command.KindCase.SIGNAL, new SignalHandler(tables, journal, terminations));
        handlers.put(Command.KindCase.OUTBOX_ACK, new OutboxAckHandler(tables, p));
        handlers.put(Command.KindCase.RECOVER, new RecoverHandler(tables, p, starts, rejections, listings));
        handlers.put(Command.KindCase.ATTACH_REQUEST, new AttachRequestHandler(tables, subscribers));
        handlers.put(Command.KindCase.ATTACH_ANSWER, new AttachAnswerHandler(tables, journal));
        handlers.put(Command.KindCase.MODIFY_STATE, new ModifyStateHandler(stateReplacements));
        handlers.put(Command.KindCase.CANCEL, new CancelHandler(tables, terminations));
        handlers.put(Command.KindCase.KILL, new KillHandler(tables, terminations));
        handlers.put(Command.KindCase.PAUSE, new PauseHandler(tables));
        handlers.put(Command.KindCase.RESUME, new ResumeHandler(tables, starts));
        handlers.put(Command.KindCase.PURGE, new PurgeHandler(tables, purges));
        handlers.put(Command.KindCase.RESTART_AS_NEW, new RestartAsNewHandler(tables, p, journal, starts, listings));
        handlers.put(Command.KindCase.CLEANUP, new CleanupHandler(retention));
    }

    private static Map<MessageType, JournalCommandHandler> journalHandlers(Tables tables, Journal journal, Outbox outbox, TimerArming timers) {
        Map<MessageType, JournalCommandHandler> handlers = new EnumMap<>(MessageType.class);
        handlers.put(MessageType.OUTPUT_COMMAND, new OutputHandler());
        handlers.put(MessageType.GET_LAZY_STATE_COMMAND, new GetLazyStateHandler(tables, journal));
        handlers.put(MessageType.GET_LAZY_STATE_KEYS_COMMAND, new GetLazyStateKeysHandler(tables, journal));
        handlers.put(MessageType.SET_STATE_COMMAND, new SetStateHandler(tables));
        handlers.put(MessageType.CLEAR_STATE_COMMAND, new ClearStateHandler(tables));
        handlers.put(MessageType.CLEAR_ALL_STATE_COMMAND, new ClearAllStateHandler(tables));
        handlers.put(MessageType.SLEEP_COMMAND, new SleepHandler(timers));
        handlers.put(MessageType.CALL_COMMAND, new CallHandler(journal, outbox));
        handlers.put(MessageType.ONE_WAY_CALL_COMMAND, new OneWayCallHandler(journal, outbox));
        handlers.put(MessageType.PROPOSE_RUN_COMPLETION, new RunCompletionHandler(journal));
        handlers.put(MessageType.COMPLETE_AWAKEABLE_COMMAND, new CompleteAwakeableHandler(outbox));
        handlers.put(MessageType.SEND_SIGNAL_COMMAND, new SendSignalHandler(outbox));
        handlers.put(MessageType.ATTACH_INVOCATION_COMMAND, new AttachInvocationHandler(outbox, false));
        handlers.put(MessageType.GET_INVOCATION_OUTPUT_COMMAND, new AttachInvocationHandler(outbox, true));
        handlers.put(MessageType.GET_PROMISE_COMMAND, new GetPromiseHandler(tables, journal));
        handlers.put(MessageType.PEEK_PROMISE_COMMAND, new PeekPromiseHandler(tables, journal));
        handlers.put(MessageType.COMPLETE_PROMISE_COMMAND, new CompletePromiseHandler(tables, journal));
        JournalOnlyHandler journalOnly = new JournalOnlyHandler();
        handlers.put(MessageType.RUN_COMMAND, journalOnly);
        handlers.put(MessageType.GET_EAGER_STATE_COMMAND, journalOnly);
        handlers.put(MessageType.GET_EAGER_STATE_KEYS_COMMAND, journalOnly);
        return handlers;
    }

    /**
     * Applies {@code command} to {@code tx} and hands its effects to {@code effects}, which must run them only after
     * the batch holding {@code tx} is committed.
     *
     * @return what the command answers its proposer (a rejected command: {@code REJECTED} with the reason)
     * @throws StorageException if storage cannot be read; nothing else is thrown
     */
    public Reply apply(Command command, Tx tx, EffectSink effects) {
        ApplyContext ctx = new ApplyContext(tx, command.getNow());
        Tx.Mark start = tx.mark();
        try {
            CommandHandler handler = handlers.get(command.getKindCase());
            if (handler == null) {
                throw new CommandRejectedException("a command of kind " + command.getKindCase() + " is not one this engine applies");
            }
            handler.apply(command, ctx);
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) { // CommandRejectedException, an unreadable row, or a key the store refuses
            tx.rollback(start);
            ctx = reject(command, tx, e instanceof CommandRejectedException ? e.getMessage() : e.toString());
        }
        ctx.effects().forEach(effects::accept);
        return ctx.reply();
    }

    private ApplyContext reject(Command command, Tx tx, String reason) {
        ApplyContext ctx = new ApplyContext(tx, command.getNow());
        acknowledgement(command).ifPresent(ctx::emit);
        ctx.reply(Replies.of(Reply.Code.REJECTED, reason));
        Tx.Mark start = tx.mark();
        try {
            rejections.record(ctx, command.getKindCase().name(), invocationIdOf(command), reason);
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) { // the rejection itself cannot be stored (an unreadable counter): report it only
            tx.rollback(start);
            ctx.emit(new Effect.Rejected(partition, command.getKindCase().name(), reason + " (not recorded: " + e + ")"));
        }
        return ctx;
    }

    /** A delivery from another partition is acknowledged even when rejected: delivering it again would be rejected again. */
    private static Optional<Effect> acknowledgement(Command command) {
        return switch (command.getKindCase()) {
            case INVOKE -> {
                Invoke invoke = command.getInvoke();
                yield invoke.getFromOutbox() ? Optional.of(new Effect.AckOutbox(invoke.getFromPartition(), invoke.getOutboxSeq())) : Optional.empty();
            }
            case COMPLETE -> command.getComplete().getDirect() ? Optional.empty()
                    : Optional.of(new Effect.AckOutbox(command.getComplete().getFromPartition(), command.getComplete().getOutboxSeq()));
            case SIGNAL -> {
                Signal signal = command.getSignal();
                yield signal.getFromOutbox() ? Optional.of(new Effect.AckOutbox(signal.getFromPartition(), signal.getOutboxSeq())) : Optional.empty();
            }
            case ATTACH_REQUEST -> Optional.of(new Effect.AckOutbox(command.getAttachRequest().getFromPartition(), command.getAttachRequest().getOutboxSeq()));
            case ATTACH_ANSWER -> Optional.of(new Effect.AckOutbox(command.getAttachAnswer().getFromPartition(), command.getAttachAnswer().getOutboxSeq()));
            case CANCEL -> acknowledgement(command.getCancel());
            case KILL -> acknowledgement(command.getKill());
            default -> Optional.empty();
        };
    }

    private static Optional<Effect> acknowledgement(ManageInvocation m) {
        return m.getFromOutbox() ? Optional.of(new Effect.AckOutbox(m.getFromPartition(), m.getOutboxSeq())) : Optional.empty();
    }

    private static ByteString invocationIdOf(Command command) {
        return switch (command.getKindCase()) {
            case INVOKE -> command.getInvoke().getInvocationId();
            case FRAMES -> command.getFrames().getInvocationId();
            case ENDED -> command.getEnded().getInvocationId();
            case COMPLETE -> command.getComplete().getInvocationId();
            case SIGNAL -> command.getSignal().getInvocationId();
            case ATTACH_REQUEST -> command.getAttachRequest().getTargetId();
            case ATTACH_ANSWER -> command.getAttachAnswer().getSubscriber().getCaller().getInvocationId();
            case CANCEL -> command.getCancel().getInvocationId();
            case KILL -> command.getKill().getInvocationId();
            case PAUSE -> command.getPause().getInvocationId();
            case RESUME -> command.getResume().getInvocationId();
            case PURGE -> command.getPurge().getInvocationId();
            case RESTART_AS_NEW -> command.getRestartAsNew().getInvocationId();
            default -> ByteString.EMPTY;
        };
    }
}
