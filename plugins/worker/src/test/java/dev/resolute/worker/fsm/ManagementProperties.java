package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptEnded;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.Awaiting;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.PurgeInvocation;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.ResumeInvocation;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Signal;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.engine.pb.TimerFired;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.tables.ListingsCheck;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Invocation management against a model: random sequences of invocations, some delayed, on two virtual objects (whose exclusive
 * handlers queue in the objects' inboxes), attempt progress (end, suspend, fail into retries and pauses, stale frames),
 * retry and start timers, the admin operations cancel, kill, pause, resume and purge, and the built-in cancel signal a
 * caller sends. After every command the reply is the
 * model's; at the end every invocation's phase, each object's lock holder and inbox, and the outcomes are the model's;
 * no invocation ends twice; a killed or cancelled lock holder hands the lock to the next in the inbox.
 */
class ManagementProperties {
    private static final Deployment V6 = Deployment.newBuilder().setId("dp").setProtocolVersion(6).build();
    private static final int MAX_ATTEMPTS = 2; // then pause
    private static final byte RETRY = 2; // TimersTable.Kind codes
    private static final byte START = 3;

    @Property(tries = 200)
    void operationsOnInvocationsFollowTheModel(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 99_999) Integer> steps) throws Exception {
        Path dir = Files.createTempDirectory("manage-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of())) {
            Run run = new Run(store.storage());
            for (int step : steps) {
                run.step(step);
            }
            run.checkFinalState();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The model of one invocation. */
    private static final class Model {
        final byte[] id;
        final int key;
        Phase phase;
        long epoch;
        int attempts;
        int attemptsAtResume;
        boolean cancelSignalled;
        boolean purged;
        Optional<String> failure = Optional.empty(); // "killed" or "canceled" when ended from outside

        Model(byte[] id, int key) {
            this.id = id;
            this.key = key;
        }
    }

    private static final class Run {
        final Storage storage;
        final Tables tables;
        final PartitionStateMachine machine;
        final List<Model> invocations = new ArrayList<>();
        final Map<Integer, Model> holders = new HashMap<>();
        final Map<Integer, Deque<Model>> inboxes = new HashMap<>();
        final Map<ByteStringKey, Integer> completedEffects = new HashMap<>();
        final List<byte[]> armedTimers = new ArrayList<>();
        final List<Effect> lastEffects = new ArrayList<>();
        long seq;

        Run(Storage storage) {
            this.storage = storage;
            this.tables = new Tables(storage);
            this.machine = new PartitionStateMachine(0, 1, tables, new RetryPolicy(Duration.ofMillis(10), 1.0, 70, Duration.ofMillis(10), true));
        }

        void step(int step) {
            int op = step % 11;
            int pick = step / 11;
            if (op <= 1 || invocations.isEmpty()) {
                invoke(pick % 2, false);
                return;
            }
            if (op == 9) {
                invoke(pick % 2, true);
                return;
            }
            Model m = invocations.get(pick % invocations.size());
            switch (op) {
                case 2 -> progress(m, pick / invocations.size());
                case 3 -> fireTimer(pick);
                case 4 -> cancel(m);
                case 5 -> kill(m);
                case 6 -> pause(m);
                case 7 -> resume(m);
                case 8 -> purge(m);
                case 10 -> cancelSignal(m);
                default -> throw new AssertionError(op);
            }
        }

        /** @param delayed whether it starts later, on its start timer (a delayed send) */
        void invoke(int key, boolean delayed) {
            seq++;
            byte[] id = new InvocationId(1000 + key, seq, ~seq).toBytes(); // one partition key per object
            Model m = new Model(id, key);
            invocations.add(m);
            apply(command().setInvoke(Invoke.newBuilder().setInvocationId(ByteString.copyFrom(id)).setDeployment(V6)
                    .setTarget(Target.newBuilder().setService("Obj").setKey("k" + key).setHandler("h")
                            .setServiceKind(ServiceKind.VIRTUAL_OBJECT).setHandlerKind(HandlerKind.EXCLUSIVE))
                    .setRetry(dev.resolute.worker.engine.pb.RetrySpec.newBuilder().setInitialIntervalMs(10).setFactor(1).setMaxIntervalMs(10)
                            .setMaxAttempts(MAX_ATTEMPTS).setPauseWhenExhausted(true))
                    .setExecutionTime(delayed ? 5_000 : 0)).build());
            if (delayed) {
                m.phase = Phase.SCHEDULED;
            } else {
                start(m);
            }
        }

        /** Takes the object's lock and runs, or queues in its inbox. */
        private void start(Model m) {
            int key = m.key;
            if (holders.containsKey(key)) {
                m.phase = Phase.INBOXED;
                inboxes.computeIfAbsent(key, k -> new ArrayDeque<>()).add(m);
            } else {
                holders.put(key, m);
                run(m);
            }
        }

        /** An attempt of a running invocation ends, suspends or fails; sometimes from a stale epoch, which changes nothing. */
        void progress(Model m, int choice) {
            boolean stale = choice % 7 == 6;
            long epoch = stale ? m.epoch - 1 : m.epoch;
            AttemptEnded.Builder ended = AttemptEnded.newBuilder().setInvocationId(ByteString.copyFrom(m.id)).setEpoch(epoch).setJitter(0.5);
            switch (choice % 3) {
                case 0 -> ended.setEnd(true);
                case 1 -> ended.setSuspended(Awaiting.newBuilder().addCompletions(99).addSignals(1));
                default -> ended.setFailed(AttemptFailed.newBuilder().setCode(500).setMessage("boom"));
            }
            apply(command().setEnded(ended).build());
            if (stale || m.phase != Phase.INVOKED || m.purged) {
                return;
            }
            switch (choice % 3) {
                case 0 -> complete(m, Optional.empty());
                case 1 -> {
                    if (m.cancelSignalled) {
                        run(m); // what it awaits (the cancel signal) is there already
                    } else {
                        m.phase = Phase.SUSPENDED;
                    }
                }
                default -> m.phase = m.attempts - m.attemptsAtResume >= MAX_ATTEMPTS ? Phase.PAUSED : Phase.BACKING_OFF;
            }
        }

        void fireTimer(int pick) {
            if (armedTimers.isEmpty()) {
                return;
            }
            byte[] key = armedTimers.remove(pick % armedTimers.size());
            apply(command().setTimer(TimerFired.newBuilder().setTimerKey(ByteString.copyFrom(key))).build());
            // a retry runs the invocation again if it still backs off from that attempt; a start starts it if still scheduled
            for (Model m : invocations) {
                if (m.phase == Phase.BACKING_OFF && !m.purged && timerOf(key, m, RETRY, m.epoch)) {
                    run(m);
                } else if (m.phase == Phase.SCHEDULED && timerOf(key, m, START, 0)) {
                    start(m);
                }
            }
        }

        /** Whether a timer key names {@code m}, the kind and the discriminator: partition u16, wake u64, id, kind u8, discriminator u64. */
        private static boolean timerOf(byte[] key, Model m, byte kind, long discriminator) {
            byte[] id = Arrays.copyOfRange(key, key.length - 8 - 1 - m.id.length, key.length - 8 - 1);
            long found = java.nio.ByteBuffer.wrap(key, key.length - 8, 8).getLong();
            return Arrays.equals(id, m.id) && key[key.length - 9] == kind && found == discriminator;
        }

        void cancel(Model m) {
            Reply reply = apply(command().setCancel(manage(m)).build());
            if (unknownOrCompleted(m, reply)) {
                return;
            }
            assertThat(reply.getCode()).isEqualTo(m.phase == Phase.INBOXED || m.phase == Phase.SCHEDULED ? Reply.Code.OK : Reply.Code.ACCEPTED);
            cancelled(m);
        }

        /** A caller's {@code ctx.cancel}: the built-in cancel signal, which cancels as the admin API does (and is dropped once completed). */
        void cancelSignal(Model m) {
            apply(command().setSignal(Signal.newBuilder().setInvocationId(ByteString.copyFrom(m.id)).setIndex(1).setVoid(true)).build());
            if (!m.purged && m.phase != Phase.COMPLETED && !m.cancelSignalled) { // the first cancel signal is the one kept
                cancelled(m);
            }
        }

        private void cancelled(Model m) {
            if (m.phase == Phase.INBOXED || m.phase == Phase.SCHEDULED) {
                if (m.phase == Phase.INBOXED) {
                    inboxes.get(m.key).remove(m);
                }
                complete(m, Optional.of("canceled"));
                return;
            }
            m.cancelSignalled = true;
            if (m.phase == Phase.PAUSED) {
                m.attemptsAtResume = m.attempts;
            }
            if (m.phase == Phase.SUSPENDED || m.phase == Phase.PAUSED) {
                run(m);
            }
        }

        void kill(Model m) {
            Reply reply = apply(command().setKill(manage(m)).build());
            if (unknownOrCompleted(m, reply)) {
                return;
            }
            assertThat(reply.getCode()).isEqualTo(Reply.Code.OK);
            if (m.phase == Phase.INVOKED) {
                assertThat(lastEffects).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Effect.StopAttempt.class,
                        s -> assertThat(s.invocationId()).isEqualTo(m.id)));
            }
            if (m.phase == Phase.INBOXED) {
                inboxes.get(m.key).remove(m);
            }
            complete(m, Optional.of("killed"));
        }

        void pause(Model m) {
            Reply reply = apply(command().setPause(manage(m)).build());
            if (unknownOrCompleted(m, reply)) {
                return;
            }
            switch (m.phase) {
                case INBOXED, SCHEDULED -> assertThat(reply.getCode()).as("not running").isEqualTo(Reply.Code.CONFLICT);
                case PAUSED, SUSPENDED -> assertThat(reply.getCode()).isEqualTo(Reply.Code.OK);
                default -> {
                    assertThat(reply.getCode()).isEqualTo(Reply.Code.ACCEPTED);
                    m.phase = Phase.PAUSED;
                }
            }
        }

        void resume(Model m) {
            Reply reply = apply(command().setResume(ResumeInvocation.newBuilder().setInvocationId(ByteString.copyFrom(m.id))).build());
            if (m.purged) {
                assertThat(reply.getCode()).isEqualTo(Reply.Code.NOT_FOUND);
                return;
            }
            switch (m.phase) {
                case COMPLETED -> assertThat(reply.getCode()).isEqualTo(Reply.Code.CONFLICT);
                case INBOXED, SCHEDULED -> assertThat(reply.getCode()).isEqualTo(Reply.Code.NOT_STARTED);
                case INVOKED -> assertThat(reply.getCode()).isEqualTo(Reply.Code.OK);
                default -> {
                    assertThat(reply.getCode()).isEqualTo(Reply.Code.OK);
                    m.attemptsAtResume = m.attempts;
                    run(m);
                }
            }
        }

        void purge(Model m) {
            Reply reply = apply(command().setPurge(PurgeInvocation.newBuilder().setInvocationId(ByteString.copyFrom(m.id))).build());
            if (m.purged) {
                assertThat(reply.getCode()).isEqualTo(Reply.Code.NOT_FOUND);
            } else if (m.phase == Phase.COMPLETED) {
                assertThat(reply.getCode()).isEqualTo(Reply.Code.OK);
                m.purged = true;
            } else {
                assertThat(reply.getCode()).as("purge only of completed").isEqualTo(Reply.Code.CONFLICT);
            }
        }

        private boolean unknownOrCompleted(Model m, Reply reply) {
            if (m.purged) {
                assertThat(reply.getCode()).isEqualTo(Reply.Code.NOT_FOUND);
                return true;
            }
            if (m.phase == Phase.COMPLETED) {
                assertThat(reply.getCode()).isEqualTo(Reply.Code.CONFLICT);
                return true;
            }
            return false;
        }

        private void run(Model m) {
            m.phase = Phase.INVOKED;
            m.epoch++;
            m.attempts++;
        }

        /** Ends {@code m}; if it held its object's lock, the next in the inbox takes it and runs. */
        private void complete(Model m, Optional<String> failure) {
            m.phase = Phase.COMPLETED;
            m.failure = failure;
            if (holders.get(m.key) == m) {
                holders.remove(m.key);
                Model next = inboxes.computeIfAbsent(m.key, k -> new ArrayDeque<>()).poll();
                if (next != null) {
                    holders.put(m.key, next);
                    run(next);
                }
            }
        }

        void checkFinalState() {
            ListingsCheck.assertListingsMatchStatuses(storage, tables, 1);
            try (Snapshot s = storage.snapshot()) {
                Reads reads = Reads.of(s);
                for (Model m : invocations) {
                    Optional<InvocationStatus> status = tables.status().get(reads, m.id);
                    int ended = completedEffects.getOrDefault(new ByteStringKey(m.id), 0);
                    assertThat(ended).as("ends at most once").isLessThanOrEqualTo(1);
                    if (m.purged) {
                        assertThat(status).as("purged").isEmpty();
                        assertThat(tables.journal().entries(reads, m.id)).isEmpty();
                        assertThat(ended).isEqualTo(1);
                        continue;
                    }
                    assertThat(status.orElseThrow().getPhase()).isEqualTo(m.phase);
                    assertThat(status.get().getAttempts()).isEqualTo(m.attempts);
                    assertThat(ended).isEqualTo(m.phase == Phase.COMPLETED ? 1 : 0);
                    if (m.phase == Phase.COMPLETED) {
                        Outcome outcome = status.get().getOutcome();
                        assertThat(outcome.hasFailure() ? Optional.of(outcome.getFailure().getMessage()) : Optional.<String>empty()).isEqualTo(m.failure);
                        m.failure.ifPresent(f -> assertThat(outcome.getFailure().getCode()).isEqualTo(409));
                    }
                }
                for (int key = 0; key < 2; key++) {
                    ObjectKey object = new ObjectKey(1000 + key, "Obj", "k" + key);
                    Optional<byte[]> holder = tables.locks().holder(reads, object);
                    Model expected = holders.get(key);
                    assertThat(holder.map(ByteStringKey::new)).as("lock of k" + key).isEqualTo(Optional.ofNullable(expected).map(e -> new ByteStringKey(e.id)));
                    List<ByteStringKey> queued = new ArrayList<>();
                    Optional<dev.resolute.worker.tables.InboxTable.Entry> first = tables.inbox().first(reads, object);
                    first.ifPresent(e -> queued.add(new ByteStringKey(e.invocationId())));
                    Deque<Model> inbox = inboxes.getOrDefault(key, new ArrayDeque<>());
                    assertThat(queued).as("head of the inbox of k" + key)
                            .isEqualTo(inbox.isEmpty() ? List.of() : List.of(new ByteStringKey(inbox.peek().id)));
                }
            }
        }

        private static ManageInvocation manage(Model m) {
            return ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(m.id)).build();
        }

        private static Command.Builder command() {
            return Command.newBuilder().setNow(1_000);
        }

        Reply apply(Command command) {
            lastEffects.clear();
            Tx tx;
            Reply reply;
            try (Snapshot snapshot = storage.snapshot()) {
                tx = new Tx(snapshot);
                reply = machine.apply(command, tx, lastEffects::add);
            }
            storage.commit(tx.batch());
            assertThat(reply.getCode()).as("applied: %s", reply.getMessage()).isNotEqualTo(Reply.Code.REJECTED);
            for (Effect e : lastEffects) {
                if (e instanceof Effect.Completed c) {
                    completedEffects.merge(new ByteStringKey(c.invocationId()), 1, Integer::sum);
                } else if (e instanceof Effect.ArmTimer t) {
                    armedTimers.add(t.timerKey());
                }
            }
            return reply;
        }
    }

    /** Byte arrays compared by content. */
    private record ByteStringKey(ByteString bytes) {
        ByteStringKey(byte[] bytes) {
            this(ByteString.copyFrom(bytes));
        }
    }
}
