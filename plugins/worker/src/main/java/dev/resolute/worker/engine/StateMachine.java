package dev.resolute.worker.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.AttemptFrames;
import dev.resolute.worker.engine.pb.Awaiting;
import dev.resolute.worker.engine.pb.Caller;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Complete;
import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.engine.pb.OutboxMessage;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.engine.pb.Timer;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.CallCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateCommandMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateKeysCommandMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateKeysCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.InputCommandMessage;
import dev.resolute.worker.protocol.pb.OneWayCallCommandMessage;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.ProposeRunCompletionAckMessage;
import dev.resolute.worker.protocol.pb.ProposeRunCompletionMessage;
import dev.resolute.worker.protocol.pb.RunCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.ClearStateCommandMessage;
import dev.resolute.worker.protocol.pb.SleepCommandMessage;
import dev.resolute.worker.protocol.pb.SleepCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.StateKeys;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.protocol.pb.Void;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The partition's deterministic state machine: applies one command to storage (through a
 * {@link Tx}) and reports the effects to carry out after the commit. No clock, no randomness, no
 * I/O: time and random draws arrive inside commands, so replaying the same commands gives the same
 * state — the property a replicated command log will rely on.
 */
final class StateMachine {
    private final int partition;
    private final int partitionCount;
    private final Tables tables;
    private final RetryPolicy retryPolicy;

    StateMachine(int partition, int partitionCount, Tables tables, RetryPolicy retryPolicy) {
        this.partition = partition;
        this.partitionCount = partitionCount;
        this.tables = tables;
        this.retryPolicy = retryPolicy;
    }

    void apply(Command command, Tx tx, Consumer<Effect> effects) {
        Step step = new Step(tx, effects, command.getNow());
        switch (command.getKindCase()) {
            case INVOKE -> step.invoke(command.getInvoke());
            case FRAMES -> step.frames(command.getFrames());
            case ENDED -> step.ended(command.getEnded());
            case TIMER -> step.timer(command.getTimer().getTimerKey().toByteArray());
            case COMPLETE -> step.complete(command.getComplete());
            case OUTBOX_ACK -> tx.delete(tables.outbox, Tables.outboxKey(partition, command.getOutboxAck().getSeq()));
            case RECOVER -> step.recover();
            default -> {
                // an empty or future command kind: nothing to apply
            }
        }
    }

    /** One command's application: the batch, the effect sink and the command's time. */
    private final class Step {
        private final Tx tx;
        private final Consumer<Effect> effects;
        private final long now;

        Step(Tx tx, Consumer<Effect> effects, long now) {
            this.tx = tx;
            this.effects = effects;
            this.now = now;
        }

        // ---- invocation lifecycle ----

        void invoke(Invoke invoke) {
            byte[] id = invoke.getInvocationId().toByteArray();
            if (invoke.getFromOutbox()) {
                effects.accept(new Effect.AckOutbox(invoke.getFromPartition(), invoke.getOutboxSeq()));
            }
            if (status(id).isPresent()) {
                return; // delivered twice (outbox redelivery after a crash): applied once already
            }
            InputCommandMessage.Builder input = InputCommandMessage.newBuilder()
                    .setValue(Value.newBuilder().setContent(invoke.getInput()));
            invoke.getHeadersList().forEach(h -> input.addHeaders(
                    dev.resolute.worker.protocol.pb.Header.newBuilder().setKey(h.getKey()).setValue(h.getValue())));
            InvocationStatus.Builder status = InvocationStatus.newBuilder()
                    .setTarget(invoke.getTarget())
                    .setDeployment(invoke.getDeployment())
                    .setExecutionTime(invoke.getExecutionTime())
                    .setCommandCount(1)
                    .setCreatedAt(now)
                    .setModifiedAt(now)
                    .setRandomSeed(seedOf(id))
                    .setIdempotencyKey(invoke.getIdempotencyKey());
            if (invoke.hasCaller()) {
                status.setCaller(invoke.getCaller());
            }
            if (invoke.hasRetry()) {
                status.setRetry(invoke.getRetry());
            }
            appendEntry(id, status, MessageType.INPUT_COMMAND.id(), input.build().toByteString());
            if (invoke.getExecutionTime() > now) {
                status.setPhase(Phase.SCHEDULED);
                put(id, status.build());
                armTimer(invoke.getExecutionTime(), id, Tables.START_TIMER, 0, Timer.newBuilder().setInvocationId(ByteString.copyFrom(id)).setStart(true).build());
                return;
            }
            start(id, status);
        }

        /** Takes the object's lock (or queues in its inbox) and runs the first attempt. */
        private void start(byte[] id, InvocationStatus.Builder status) {
            Target target = status.getTarget();
            if (holdsLock(target)) {
                byte[] lock = lockKey(id, target);
                if (tx.get(tables.locks, lock).isPresent()) {
                    long seq = nextCounter("inbox");
                    tx.put(tables.inbox, Tables.append(lock, seq), id);
                    put(id, status.setPhase(Phase.INBOXED).setModifiedAt(now).build());
                    return;
                }
                tx.put(tables.locks, lock, id);
            }
            run(id, status);
        }

        private void run(byte[] id, InvocationStatus.Builder status) {
            long epoch = status.getEpoch() + 1;
            put(id, status.setPhase(Phase.INVOKED).setEpoch(epoch).setAttempts(status.getAttempts() + 1)
                    .clearAwaiting().setModifiedAt(now).build());
            effects.accept(new Effect.StartAttempt(id, epoch));
        }

        void frames(AttemptFrames frames) {
            byte[] id = frames.getInvocationId().toByteArray();
            Optional<InvocationStatus> current = status(id);
            if (current.isEmpty() || current.get().getPhase() != Phase.INVOKED || current.get().getEpoch() != frames.getEpoch()) {
                return; // from an attempt that was aborted or superseded
            }
            InvocationStatus.Builder status = current.get().toBuilder();
            for (Frame frame : frames.getFramesList()) {
                if (frame.getType() == MessageType.PROPOSE_RUN_COMPLETION.id()) {
                    runCompletion(id, status, frame);
                } else if (MessageType.isCommand(frame.getType())) {
                    command(id, status, frame);
                }
            }
            put(id, status.setModifiedAt(now).build());
        }

        private void command(byte[] id, InvocationStatus.Builder status, Frame frame) {
            int index = appendEntry(id, status, frame.getType(), frame.getPayload());
            status.setCommandCount(status.getCommandCount() + 1).setRetryCount(0);
            Target target = status.getTarget();
            try {
                int type = frame.getType();
                if (type == MessageType.OUTPUT_COMMAND.id()) {
                    OutputCommandMessage output = OutputCommandMessage.parseFrom(frame.getPayload());
                    status.setOutcome(output.hasFailure()
                            ? Outcome.newBuilder().setFailure(failure(output.getFailure())).build()
                            : Outcome.newBuilder().setValue(output.getValue().getContent()).build());
                } else if (type == MessageType.GET_LAZY_STATE_COMMAND.id()) {
                    GetLazyStateCommandMessage get = GetLazyStateCommandMessage.parseFrom(frame.getPayload());
                    Optional<byte[]> value = tx.get(tables.state, Tables.append(objectPrefix(id, target), get.getKey().toByteArray()));
                    GetLazyStateCompletionNotificationMessage.Builder n = GetLazyStateCompletionNotificationMessage.newBuilder()
                            .setCompletionId(get.getResultCompletionId());
                    value.ifPresentOrElse(v -> n.setValue(Value.newBuilder().setContent(ByteString.copyFrom(v))), () -> n.setVoid(Void.getDefaultInstance()));
                    notifyCompletion(id, status, MessageType.GET_LAZY_STATE_COMPLETION.id(), n.build(), get.getResultCompletionId());
                } else if (type == MessageType.GET_LAZY_STATE_KEYS_COMMAND.id()) {
                    GetLazyStateKeysCommandMessage get = GetLazyStateKeysCommandMessage.parseFrom(frame.getPayload());
                    byte[] prefix = objectPrefix(id, target);
                    StateKeys.Builder keys = StateKeys.newBuilder();
                    for (KeyValue kv : tx.scan(tables.state, prefix)) {
                        keys.addKeys(ByteString.copyFrom(kv.key(), prefix.length, kv.key().length - prefix.length));
                    }
                    notifyCompletion(id, status, MessageType.GET_LAZY_STATE_KEYS_COMPLETION.id(),
                            GetLazyStateKeysCompletionNotificationMessage.newBuilder().setCompletionId(get.getResultCompletionId())
                                    .setStateKeys(keys).build(), get.getResultCompletionId());
                } else if (type == MessageType.SET_STATE_COMMAND.id()) {
                    SetStateCommandMessage set = SetStateCommandMessage.parseFrom(frame.getPayload());
                    tx.put(tables.state, Tables.append(objectPrefix(id, target), set.getKey().toByteArray()), set.getValue().getContent().toByteArray());
                } else if (type == MessageType.CLEAR_STATE_COMMAND.id()) {
                    ClearStateCommandMessage clear = ClearStateCommandMessage.parseFrom(frame.getPayload());
                    tx.delete(tables.state, Tables.append(objectPrefix(id, target), clear.getKey().toByteArray()));
                } else if (type == MessageType.CLEAR_ALL_STATE_COMMAND.id()) {
                    for (KeyValue kv : tx.scan(tables.state, objectPrefix(id, target))) {
                        tx.delete(tables.state, kv.key());
                    }
                } else if (type == MessageType.SLEEP_COMMAND.id()) {
                    SleepCommandMessage sleep = SleepCommandMessage.parseFrom(frame.getPayload());
                    armTimer(sleep.getWakeUpTime(), id, Tables.SLEEP_TIMER, sleep.getResultCompletionId(), Timer.newBuilder()
                            .setInvocationId(ByteString.copyFrom(id)).setSleepCompletionId(sleep.getResultCompletionId()).build());
                } else if (type == MessageType.CALL_COMMAND.id()) {
                    CallCommandMessage call = CallCommandMessage.parseFrom(frame.getPayload());
                    byte[] callee = calleeId(id, index, frame.getResolved().getTarget());
                    notifyCompletion(id, status, MessageType.CALL_INVOCATION_ID_COMPLETION.id(),
                            CallInvocationIdCompletionNotificationMessage.newBuilder().setCompletionId(call.getInvocationIdNotificationIdx())
                                    .setInvocationId(InvocationId.fromBytes(callee).toString()).build(), call.getInvocationIdNotificationIdx());
                    send(frame.getResolved().toBuilder().setInvocationId(ByteString.copyFrom(callee)).setInput(call.getParameter())
                            .setCaller(Caller.newBuilder().setInvocationId(ByteString.copyFrom(id)).setCompletionId(call.getResultCompletionId()))
                            .build());
                } else if (type == MessageType.ONE_WAY_CALL_COMMAND.id()) {
                    OneWayCallCommandMessage send = OneWayCallCommandMessage.parseFrom(frame.getPayload());
                    byte[] callee = calleeId(id, index, frame.getResolved().getTarget());
                    notifyCompletion(id, status, MessageType.CALL_INVOCATION_ID_COMPLETION.id(),
                            CallInvocationIdCompletionNotificationMessage.newBuilder().setCompletionId(send.getInvocationIdNotificationIdx())
                                    .setInvocationId(InvocationId.fromBytes(callee).toString()).build(), send.getInvocationIdNotificationIdx());
                    send(frame.getResolved().toBuilder().setInvocationId(ByteString.copyFrom(callee)).setInput(send.getParameter())
                            .setExecutionTime(send.getInvokeTime()).build());
                }
            } catch (InvalidProtocolBufferException e) {
                // cannot happen: the attempt parsed every known frame before proposing it
            }
        }

        private void runCompletion(byte[] id, InvocationStatus.Builder status, Frame frame) {
            ProposeRunCompletionMessage proposal;
            try {
                proposal = ProposeRunCompletionMessage.parseFrom(frame.getPayload());
            } catch (InvalidProtocolBufferException e) {
                return;
            }
            int completionId = proposal.getResultCompletionId();
            if (tx.get(tables.notifications, Tables.notificationKey(id, Tables.COMPLETION, completionId)).isPresent()) {
                return; // proposed twice (a retried attempt re-ran the closure): the first result stays
            }
            RunCompletionNotificationMessage.Builder n = RunCompletionNotificationMessage.newBuilder().setCompletionId(completionId);
            if (proposal.hasFailure()) {
                n.setFailure(proposal.getFailure());
            } else {
                n.setValue(Value.newBuilder().setContent(proposal.getValue()));
            }
            boolean ack = (frame.getFlags() & MessageType.REQUESTED_ACK) != 0 && status.getDeployment().getProtocolVersion() >= 7;
            int index = storeNotification(id, status, MessageType.RUN_COMPLETION.id(), n.build().toByteString(), Tables.COMPLETION, completionId);
            Frame out = ack
                    ? frame(MessageType.PROPOSE_RUN_COMPLETION_ACK.id(), ProposeRunCompletionAckMessage.newBuilder().setCompletionId(completionId).build(), index)
                    : frame(MessageType.RUN_COMPLETION.id(), n.build(), index);
            effects.accept(new Effect.Notify(id, status.getEpoch(), List.of(out)));
        }

        void ended(AttemptEnded ended) {
            byte[] id = ended.getInvocationId().toByteArray();
            if (ended.getFramesCount() > 0) {
                frames(AttemptFrames.newBuilder().setInvocationId(ended.getInvocationId()).setEpoch(ended.getEpoch())
                        .addAllFrames(ended.getFramesList()).build());
            }
            Optional<InvocationStatus> current = status(id);
            if (current.isEmpty() || current.get().getPhase() != Phase.INVOKED || current.get().getEpoch() != ended.getEpoch()) {
                return;
            }
            InvocationStatus.Builder status = current.get().toBuilder().setModifiedAt(now);
            switch (ended.getHowCase()) {
                case END -> complete(id, status, status.hasOutcome() ? status.getOutcome()
                        : Outcome.newBuilder().setValue(ByteString.EMPTY).build());
                case SUSPENDED -> {
                    Awaiting awaiting = ended.getSuspended();
                    if (canProgress(id, awaiting)) {
                        run(id, status); // what it waits for arrived while it was suspending
                    } else {
                        put(id, status.setPhase(Phase.SUSPENDED).setAwaiting(awaiting).build());
                    }
                }
                case FAILED -> failed(id, status, ended.getFailed(), ended.getJitter());
                default -> {
                    // an attempt always ends one of the three ways
                }
            }
        }

        private void failed(byte[] id, InvocationStatus.Builder status, AttemptFailed failure, double jitter) {
            int retries = status.getRetryCount() + 1;
            status.setRetryCount(retries).setLastFailure("[" + failure.getCode() + "] " + failure.getMessage());
            RetryPolicy.Decision decision = retryPolicy.or(status.getRetry(), status.hasRetry()).decide(status.getAttempts(), failure, jitter);
            switch (decision.action()) {
                case RETRY -> {
                    long at = now + decision.delayMillis();
                    put(id, status.setPhase(Phase.BACKING_OFF).setNextRetryAt(at).build());
                    armTimer(at, id, Tables.RETRY_TIMER, status.getEpoch(), Timer.newBuilder().setInvocationId(ByteString.copyFrom(id)).setRetryEpoch(status.getEpoch()).build());
                }
                case PAUSE -> put(id, status.setPhase(Phase.PAUSED).build());
                case FAIL -> complete(id, status, Outcome.newBuilder().setFailure(Failure.newBuilder()
                        .setCode(failure.getCode() == 0 ? 500 : failure.getCode()).setMessage(failure.getMessage())).build());
            }
        }

        private void complete(byte[] id, InvocationStatus.Builder status, Outcome outcome) {
            put(id, status.setPhase(Phase.COMPLETED).setOutcome(outcome).clearAwaiting().setModifiedAt(now).build());
            Target target = status.getTarget();
            if (holdsLock(target)) {
                byte[] lock = lockKey(id, target);
                tx.delete(tables.locks, lock);
                List<KeyValue> queued = tx.scan(tables.inbox, lock);
                if (!queued.isEmpty()) {
                    KeyValue next = queued.get(0);
                    tx.delete(tables.inbox, next.key());
                    tx.put(tables.locks, lock, next.value());
                    status(next.value()).ifPresent(s -> run(next.value(), s.toBuilder()));
                }
            }
            if (status.hasCaller()) {
                Caller caller = status.getCaller();
                deliver(caller.getInvocationId().toByteArray(), OutboxMessage.newBuilder().setComplete(Complete.newBuilder()
                        .setInvocationId(caller.getInvocationId()).setCompletionId(caller.getCompletionId()).setOutcome(outcome)).build());
            }
            effects.accept(new Effect.Completed(id, outcome));
        }

        void timer(byte[] key) {
            Optional<byte[]> row = tx.get(tables.timers, key);
            if (row.isEmpty()) {
                return;
            }
            tx.delete(tables.timers, key);
            Timer timer;
            try {
                timer = Timer.parseFrom(row.get());
            } catch (InvalidProtocolBufferException e) {
                return;
            }
            byte[] id = timer.getInvocationId().toByteArray();
            Optional<InvocationStatus> current = status(id);
            if (current.isEmpty()) {
                return;
            }
            InvocationStatus.Builder status = current.get().toBuilder().setModifiedAt(now);
            switch (timer.getKindCase()) {
                case SLEEP_COMPLETION_ID -> {
                    int completionId = timer.getSleepCompletionId();
                    notifyCompletion(id, status, MessageType.SLEEP_COMPLETION.id(), SleepCompletionNotificationMessage.newBuilder()
                            .setCompletionId(completionId).setVoid(Void.getDefaultInstance()).build(), completionId);
                    put(id, status.build());
                }
                case RETRY_EPOCH -> {
                    if (status.getPhase() == Phase.BACKING_OFF && status.getEpoch() == timer.getRetryEpoch()) {
                        run(id, status.clearNextRetryAt());
                    }
                }
                case START -> {
                    if (status.getPhase() == Phase.SCHEDULED) {
                        start(id, status);
                    }
                }
                default -> {
                    // no other timer kinds
                }
            }
        }

        void complete(Complete complete) {
            effects.accept(new Effect.AckOutbox(complete.getFromPartition(), complete.getOutboxSeq()));
            byte[] id = complete.getInvocationId().toByteArray();
            Optional<InvocationStatus> current = status(id);
            int completionId = complete.getCompletionId();
            if (current.isEmpty() || current.get().getPhase() == Phase.COMPLETED
                    || tx.get(tables.notifications, Tables.notificationKey(id, Tables.COMPLETION, completionId)).isPresent()) {
                return;
            }
            CallCompletionNotificationMessage.Builder n = CallCompletionNotificationMessage.newBuilder().setCompletionId(completionId);
            Outcome outcome = complete.getOutcome();
            if (outcome.hasFailure()) {
                n.setFailure(dev.resolute.worker.protocol.pb.Failure.newBuilder().setCode(outcome.getFailure().getCode())
                        .setMessage(outcome.getFailure().getMessage()));
            } else {
                n.setValue(Value.newBuilder().setContent(outcome.getValue()));
            }
            InvocationStatus.Builder status = current.get().toBuilder().setModifiedAt(now);
            notifyCompletion(id, status, MessageType.CALL_COMPLETION.id(), n.build(), completionId);
            put(id, status.build());
        }

        /** After a restart: re-drive running attempts, re-arm timers, re-send the outbox. */
        void recover() {
            for (KeyValue kv : tx.scan(tables.timers, Tables.partitionPrefix(partition))) {
                effects.accept(new Effect.ArmTimer(partition, kv.key(), Tables.timerWake(kv.key())));
            }
            for (KeyValue kv : tx.scan(tables.outbox, Tables.partitionPrefix(partition))) {
                long seq = Tables.u64(java.util.Arrays.copyOfRange(kv.key(), 2, 10));
                int to = ((kv.value()[0] & 0xff) << 8) | (kv.value()[1] & 0xff);
                try {
                    effects.accept(new Effect.Deliver(partition, seq, to, OutboxMessage.parseFrom(java.util.Arrays.copyOfRange(kv.value(), 2, kv.value().length))));
                } catch (InvalidProtocolBufferException e) {
                    tx.delete(tables.outbox, kv.key()); // unreadable: nothing can deliver it
                }
            }
            for (KeyValue kv : tx.scan(tables.status, partitionKeys())) {
                try {
                    InvocationStatus status = InvocationStatus.parseFrom(kv.value());
                    if (status.getPhase() == Phase.INVOKED) {
                        run(kv.key(), status.toBuilder());
                    }
                } catch (InvalidProtocolBufferException e) {
                    // leave it for an operator: the status row is not ours to guess
                }
            }
        }

        // ---- helpers ----

        private void notifyCompletion(byte[] id, InvocationStatus.Builder status, int type, MessageLite message, int completionId) {
            int index = storeNotification(id, status, type, message.toByteString(), Tables.COMPLETION, completionId);
            if (status.getPhase() == Phase.INVOKED) {
                effects.accept(new Effect.Notify(id, status.getEpoch(), List.of(frame(type, message, index))));
            } else if (status.getPhase() == Phase.SUSPENDED && awaits(status.getAwaiting(), completionId)) {
                run(id, status);
            }
        }

        /** Appends a notification and indexes it by its id; returns its journal index. */
        private int storeNotification(byte[] id, InvocationStatus.Builder status, int type, ByteString payload, byte kind, int n) {
            int index = appendEntry(id, status, type, payload);
            tx.put(tables.notifications, Tables.notificationKey(id, kind, n), Tables.u32(index));
            return index;
        }

        /** Appends a journal entry at the end of the journal {@code status} describes; returns its index. */
        private int appendEntry(byte[] id, InvocationStatus.Builder status, int type, ByteString payload) {
            int index = status.getJournalLength();
            status.setJournalLength(index + 1);
            tx.put(tables.journal, Tables.journalKey(id, index), JournalEntry.newBuilder().setType(type).setPayload(payload).setAppendedAt(now).build().toByteArray());
            return index;
        }

        private boolean canProgress(byte[] id, Awaiting awaiting) {
            for (int c : awaiting.getCompletionsList()) {
                if (tx.get(tables.notifications, Tables.notificationKey(id, Tables.COMPLETION, c)).isPresent()) {
                    return true;
                }
            }
            for (int s : awaiting.getSignalsList()) {
                if (tx.get(tables.notifications, Tables.notificationKey(id, Tables.SIGNAL, s)).isPresent()) {
                    return true;
                }
            }
            for (String name : awaiting.getNamedSignalsList()) {
                if (tx.get(tables.notifications, Tables.notificationKey(id, name)).isPresent()) {
                    return true;
                }
            }
            return false;
        }

        private boolean awaits(Awaiting awaiting, int completionId) {
            return awaiting.getCompletionsList().contains(completionId);
        }

        private void send(Invoke invoke) {
            deliver(invoke.getInvocationId().toByteArray(), OutboxMessage.newBuilder().setInvoke(invoke).build());
        }

        /** Stores a message for the partition owning {@code targetId} and hands it over after the commit. */
        private void deliver(byte[] targetId, OutboxMessage message) {
            long seq = nextCounter("outbox");
            int to = partitionOf(targetId);
            byte[] value = new byte[2 + message.getSerializedSize()];
            value[0] = (byte) (to >>> 8);
            value[1] = (byte) to;
            System.arraycopy(message.toByteArray(), 0, value, 2, value.length - 2);
            tx.put(tables.outbox, Tables.outboxKey(partition, seq), value);
            effects.accept(new Effect.Deliver(partition, seq, to, message));
        }

        private void armTimer(long wakeMillis, byte[] id, byte kind, long discriminator, Timer timer) {
            byte[] key = Tables.timerKey(partition, wakeMillis, id, kind, discriminator);
            tx.put(tables.timers, key, timer.toByteArray());
            effects.accept(new Effect.ArmTimer(partition, key, wakeMillis));
        }

        private long nextCounter(String name) {
            byte[] key = Tables.metaKey(partition, name);
            long next = tx.get(tables.meta, key).map(Tables::u64).orElse(0L) + 1;
            tx.put(tables.meta, key, Tables.u64(next));
            return next;
        }

        private Optional<InvocationStatus> status(byte[] id) {
            return tx.get(tables.status, id).map(bytes -> {
                try {
                    return InvocationStatus.parseFrom(bytes);
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException("unreadable invocation status " + InvocationId.fromBytes(id), e);
                }
            });
        }

        private void put(byte[] id, InvocationStatus status) {
            tx.put(tables.status, id, status.toByteArray());
        }

        private byte[] lockKey(byte[] id, Target target) {
            return objectPrefix(id, target);
        }

        private byte[] objectPrefix(byte[] id, Target target) {
            return Tables.objectPrefix(InvocationId.fromBytes(id).partitionKey(), target.getService(), target.getKey());
        }
    }

    private static boolean holdsLock(Target target) {
        return target.getHandlerKind() == HandlerKind.EXCLUSIVE || target.getHandlerKind() == HandlerKind.WORKFLOW_RUN;
    }

    /** The status keys of this partition: ids start with their partition key, big-endian. */
    private dev.resolute.spi.storage.KeyRange partitionKeys() {
        dev.resolute.worker.ids.PartitionKeys.KeyRange keys = dev.resolute.worker.ids.PartitionKeys.range(partition, partitionCount);
        byte[] first = Tables.u64(keys.first());
        return keys.last() == -1L // the last partition ends at the top of the unsigned key space
                ? dev.resolute.spi.storage.KeyRange.atLeast(first)
                : dev.resolute.spi.storage.KeyRange.between(first, Tables.u64(keys.last() + 1));
    }

    private int partitionOf(byte[] id) {
        return dev.resolute.worker.ids.PartitionKeys.partitionOf(InvocationId.fromBytes(id).partitionKey(), partitionCount);
    }

    private static Frame frame(int type, MessageLite message, int journalIndex) {
        return Frame.newBuilder().setType(type).setPayload(message.toByteString()).setJournalIndex(journalIndex).build();
    }

    private static Failure failure(dev.resolute.worker.protocol.pb.Failure failure) {
        Failure.Builder out = Failure.newBuilder().setCode(failure.getCode()).setMessage(failure.getMessage());
        failure.getMetadataList().forEach(m -> out.putMetadata(m.getKey(), m.getValue()));
        return out.build();
    }

    /**
     * A callee's id, derived from the caller's id and the journal index of the call, so applying the
     * same command twice names the same callee. Keyed callees live in their key's partition.
     */
    static byte[] calleeId(byte[] caller, int index, Target target) {
        byte[] digest = sha256(caller, Tables.u32(index));
        long partitionKey = target.getKey().isEmpty() && target.getServiceKind() == dev.resolute.worker.engine.pb.ServiceKind.SERVICE
                ? java.nio.ByteBuffer.wrap(digest, 16, 8).getLong()
                : dev.resolute.worker.ids.PartitionKeys.of(target.getKey());
        return java.nio.ByteBuffer.allocate(24).putLong(partitionKey).put(digest, 0, 16).array();
    }

    /** A random seed that stays the same for every attempt of an invocation. */
    static long seedOf(byte[] id) {
        return java.nio.ByteBuffer.wrap(sha256(id, new byte[] {'s'}), 0, 8).getLong();
    }

    private static byte[] sha256(byte[] a, byte[] b) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(a);
            digest.update(b);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
