package dev.resolute.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.resolute.spi.invocation.CompletedInvocation;
import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.spi.invocation.InvocationTarget;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What attach and output answer from the status table: stored results with their expiry, 470's empty, 404, not retained. */
class InvocationResultsTest {
    private static final Target TARGET = Target.newBuilder().setService("Svc").setHandler("h").build();
    private static final InvocationTarget KEYED = new InvocationTarget.Idempotent("Svc", Optional.empty(), "h", "k1");
    private static final byte[] ID = InvocationId.forIdempotentRequest("Svc", Optional.empty(), "h", "k1").toBytes();

    @TempDir
    Path dir;
    private OpenStore store;
    private Tables tables;
    private InvocationResults results;

    @BeforeEach
    void open() {
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        tables = new Tables(store.storage());
        results = new InvocationResults(store.storage(), tables, Runnable::run);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aStoredResultCarriesWhenItsRetentionEnds() throws Exception {
        put(InvocationStatus.newBuilder().setTarget(TARGET).setPhase(Phase.COMPLETED).setCompletedAt(1_000).setCompletionRetentionMs(86_400_000)
                .setOutcome(Outcome.newBuilder().setValue(ByteString.copyFromUtf8("\"v\""))).build());
        CompletedInvocation output = results.output(KEYED).get(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(output.invocationId()).isEqualTo(InvocationId.fromBytes(ID).toString());
        assertThat(new String(output.outcome().value(), StandardCharsets.UTF_8)).isEqualTo("\"v\"");
        assertThat(output.retainedUntil()).contains(Instant.ofEpochMilli(86_401_000));
        assertThat(output.service()).isEqualTo("Svc");
        CompletedInvocation attached = results.attach(KEYED).get(5, TimeUnit.SECONDS);
        assertThat(attached.outcome().value()).isEqualTo(output.outcome().value());
        assertThat(attached.retainedUntil()).isEqualTo(output.retainedUntil());
    }

    @Test
    void aResultWithoutRetentionHasNoExpiryAndAFailureKeepsItsCode() throws Exception {
        put(InvocationStatus.newBuilder().setTarget(TARGET).setPhase(Phase.COMPLETED).setCompletedAt(1_000)
                .setOutcome(Outcome.newBuilder().setFailure(Failure.newBuilder().setCode(422).setMessage("no"))).build());
        CompletedInvocation output = results.output(KEYED).get(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(output.retainedUntil()).isEmpty();
        assertThat(output.outcome().failed()).isTrue();
        assertThat(output.outcome().code()).isEqualTo(422);
    }

    @Test
    void whileRunningOutputIsEmptyAndAttachWaitsForTheCompletion() throws Exception {
        put(InvocationStatus.newBuilder().setTarget(TARGET).setPhase(Phase.INVOKED).build());
        assertThat(results.output(KEYED).get(5, TimeUnit.SECONDS)).isEmpty();
        CompletableFuture<CompletedInvocation> attached = results.attach(KEYED);
        assertThat(attached).isNotDone();
        results.completed(ID, Outcome.newBuilder().setValue(ByteString.copyFromUtf8("live")).build());
        CompletedInvocation live = attached.get(5, TimeUnit.SECONDS);
        assertThat(new String(live.outcome().value(), StandardCharsets.UTF_8)).isEqualTo("live");
        assertThat(live.retainedUntil()).as("awaited live, not read back").isEmpty();
    }

    @Test
    void unknownNotRetainedAndMalformedTargetsFailByKind() {
        assertKind(results.attach(KEYED), InvocationException.Kind.NOT_FOUND, "invocation not found");
        assertKind(results.output(new InvocationTarget.WorkflowRun("W", "x")), InvocationException.Kind.NOT_FOUND, "invocation not found");
        assertKind(results.output(new InvocationTarget.ById("inv_1bad")), InvocationException.Kind.INVALID_REQUEST, "bad invocation id 'inv_1bad'");
        put(InvocationStatus.newBuilder().setTarget(TARGET).setPhase(Phase.COMPLETED).setCompletedAt(1_000).build());
        assertKind(results.output(KEYED), InvocationException.Kind.INVALID_REQUEST, "cannot get output for the given invocation");
    }

    @Test
    void lookupDerivesTheIdWithoutReadingStorage() throws Exception {
        assertThat(results.lookup(KEYED).get()).isEqualTo(InvocationId.fromBytes(ID).toString());
        assertThat(results.lookup(new InvocationTarget.WorkflowRun("W", "x")).get()).isEqualTo(InvocationId.forWorkflowRun("W", "x").toString());
    }

    private static void assertKind(CompletableFuture<?> future, InvocationException.Kind kind, String message) {
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.kind()).isEqualTo(kind)).hasMessageStartingWith(message);
    }

    private void put(InvocationStatus status) {
        Tx tx;
        try (Snapshot snapshot = store.storage().snapshot()) {
            tx = new Tx(snapshot);
            tables.status().put(tx, ID, status);
        }
        store.storage().commit(tx.batch());
    }
}
