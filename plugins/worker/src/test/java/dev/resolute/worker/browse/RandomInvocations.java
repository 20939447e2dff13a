package dev.resolute.worker.browse;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.Awaiting;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.PurgeInvocation;
import dev.resolute.worker.engine.pb.RestartInvocation;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.introspection.FsmDriver;
import dev.resolute.worker.tables.Reads;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.resolute.spi.storage.Snapshot;

/**
 * Random histories of invocations on the partition state machines: services and an object's keys invoked now or
 * delayed, with and without idempotency keys, attempts that end, fail (retrying, pausing or failing for good) or
 * suspend, kills, cancels, purges, restarts as new, attempts marked running, and a clock that moves by milliseconds
 * (so creation times tie) or by hours.
 */
final class RandomInvocations {
    static final List<Target> TARGETS = List.of(FsmDriver.service("Greeter", "greet"), FsmDriver.service("Greeter", "shout"),
            FsmDriver.service("Mailer", "send"), FsmDriver.object("Cart", "k1", "add"), FsmDriver.object("Cart", "k2", "add"));
    static final List<String> FAILURES = List.of("boom", "Timeout talking to DB", "boom\nwith a second line");

    final FsmDriver driver;
    final List<byte[]> ids = new ArrayList<>();
    private long seq;

    RandomInvocations(FsmDriver driver) {
        this.driver = driver;
    }

    void step(int step) {
        int op = step % 12;
        int pick = step / 12;
        if (op <= 3 || ids.isEmpty()) {
            invoke(pick);
            return;
        }
        List<byte[]> invoked = ids.stream().filter(i -> status(i).map(s -> s.getPhase() == Phase.INVOKED).orElse(false)).toList();
        byte[] id = ids.get(pick % ids.size());
        Optional<byte[]> running = invoked.isEmpty() ? Optional.empty() : Optional.of(invoked.get(pick % invoked.size()));
        switch (op) {
            case 4 -> running.ifPresent(r -> driver.end(r, "ok"));
            case 5 -> running.ifPresent(r -> driver.fail(r, AttemptFailed.newBuilder().setCode(pick % 2 == 0 ? 500 : 418)
                    .setMessage(FAILURES.get(pick % 3)).setStacktrace(pick % 4 == 0 ? "" : "Error: x\n    at f (a.js:1:1)")
                    .setBehavior(pick / 3 % 3).build()));
            case 6 -> driver.apply(driver.command().setKill(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(id))).build());
            case 7 -> driver.apply(driver.command().setCancel(ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(id))).build());
            case 8 -> purgeOrRestart(id, pick);
            case 9 -> running.ifPresent(r -> driver.running.add(ByteBuffer.wrap(r)));
            case 10 -> running.ifPresent(r -> {
                driver.running.remove(ByteBuffer.wrap(r));
                driver.suspend(r, Awaiting.newBuilder().addCompletions(1).build());
            });
            default -> driver.advance(Duration.ofMinutes(pick % 3 == 0 ? pick % 200 : 0).plusMillis(pick % 3));
        }
    }

    private void purgeOrRestart(byte[] id, int pick) {
        if (status(id).map(s -> s.getPhase() != Phase.COMPLETED).orElse(true)) {
            return;
        }
        if (pick % 2 == 0) {
            driver.apply(driver.command().setPurge(PurgeInvocation.newBuilder().setInvocationId(ByteString.copyFrom(id))).build());
            return;
        }
        seq++;
        byte[] restarted = new InvocationId(InvocationId.fromBytes(id).partitionKey(), 1_000_000 + seq, seq).toBytes();
        driver.apply(driver.command().setRestartAsNew(RestartInvocation.newBuilder().setInvocationId(ByteString.copyFrom(id))
                .setNewInvocationId(ByteString.copyFrom(restarted))).build());
        ids.add(restarted);
    }

    private void invoke(int pick) {
        driver.now += pick % 2;
        Invoke.Builder options = Invoke.newBuilder();
        if (pick / 5 % 6 == 0) {
            options.setExecutionTime(driver.now + 1 + pick % 5_000);
        }
        if (pick / 20 % 3 == 0) {
            options.setIdempotencyKey("idem-" + pick % 2);
        }
        ids.add(driver.invoke(TARGETS.get(pick % TARGETS.size()), options));
    }

    Optional<InvocationStatus> status(byte[] id) {
        try (Snapshot snapshot = driver.storage.snapshot()) {
            return driver.tables.status().get(Reads.of(snapshot), id);
        }
    }
}
