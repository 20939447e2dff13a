package dev.resolute.worker.engine;

import com.google.protobuf.ByteString;
import dev.resolute.spi.invocation.ControlResult;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.engine.pb.PurgeInvocation;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.engine.pb.RestartInvocation;
import dev.resolute.worker.engine.pb.ResumeInvocation;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The admin API's operations on invocations: each one command to the invocation's partition, whose reply says what
 * happened. The only read before proposing resolves a deployment to move to (resume, restart-as-new) against the
 * schema; the command itself re-checks the invocation's state when applied.
 */
final class InvocationManagement implements InvocationControl {
    private final ClientProposals proposals;
    private final Targets targets;
    private final Storage storage;
    private final Tables tables;

    InvocationManagement(ClientProposals proposals, Targets targets, Storage storage, Tables tables) {
        this.proposals = proposals;
        this.targets = targets;
        this.storage = storage;
        this.tables = tables;
    }

    @Override
    public CompletableFuture<ControlResult> cancel(String invocationId) {
        return manage(invocationId, id -> Partitions.command().setCancel(manage(id)));
    }

    @Override
    public CompletableFuture<ControlResult> kill(String invocationId) {
        return manage(invocationId, id -> Partitions.command().setKill(manage(id)));
    }

    @Override
    public CompletableFuture<ControlResult> pause(String invocationId) {
        return manage(invocationId, id -> Partitions.command().setPause(manage(id)));
    }

    @Override
    public CompletableFuture<ControlResult> resume(String invocationId, String deployment) {
        return manage(invocationId, id -> {
            ResumeInvocation.Builder resume = ResumeInvocation.newBuilder().setInvocationId(ByteString.copyFrom(id));
            repin(id, deployment).ifPresent(resume::setDeployment);
            return Partitions.command().setResume(resume);
        });
    }

    @Override
    public CompletableFuture<ControlResult> restartAsNew(String invocationId, int from, String deployment) {
        if (from < 0) {
            return CompletableFuture.completedFuture(ControlResult.of(ControlResult.Kind.INVALID, "The journal index 'from' must not be negative"));
        }
        return manage(invocationId, id -> {
            InvocationId old = InvocationId.fromBytes(id);
            // same partition key: the new invocation runs where the old one's input is, on the same object if keyed
            byte[] newId = InvocationId.random(old.partitionKey(), System.currentTimeMillis(), ThreadLocalRandom.current()).toBytes();
            RestartInvocation.Builder restart = RestartInvocation.newBuilder().setInvocationId(ByteString.copyFrom(id))
                    .setNewInvocationId(ByteString.copyFrom(newId)).setFrom(from);
            repin(id, deployment).ifPresent(restart::setDeployment);
            return Partitions.command().setRestartAsNew(restart);
        });
    }

    @Override
    public CompletableFuture<ControlResult> purge(String invocationId) {
        return manage(invocationId, id -> Partitions.command().setPurge(PurgeInvocation.newBuilder().setInvocationId(ByteString.copyFrom(id))));
    }

    @Override
    public CompletableFuture<ControlResult> purgeJournal(String invocationId) {
        return manage(invocationId, id -> Partitions.command().setPurge(PurgeInvocation.newBuilder().setInvocationId(ByteString.copyFrom(id))
                .setJournalOnly(true)));
    }

    private static ManageInvocation manage(byte[] id) {
        return ManageInvocation.newBuilder().setInvocationId(ByteString.copyFrom(id)).build();
    }

    /** A result the client's request itself decides (a bad id or deployment), before anything is proposed. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ControlResult result;

        Refused(ControlResult result) {
            super(result.message(), null, false, false);
            this.result = result;
        }
    }

    private CompletableFuture<ControlResult> manage(String invocationId, Function<byte[], Command.Builder> command) {
        byte[] id;
        Command built;
        try {
            id = parse(invocationId);
            built = command.apply(id).build();
        } catch (Refused e) {
            return CompletableFuture.completedFuture(e.result);
        }
        return proposals.propose(id, built, "the operation").thenApply(reply -> result(reply, ByteString.copyFrom(id)));
    }

    private static byte[] parse(String invocationId) {
        try {
            return InvocationId.parse(invocationId).toBytes();
        } catch (IllegalArgumentException e) {
            throw new Refused(ControlResult.of(ControlResult.Kind.INVALID, "The request field 'invocation_id' is invalid. Reason: " + e.getMessage()));
        }
    }

    /** The deployment {@code choice} ("keep", "latest" or an id) names for the invocation; empty to keep its own. */
    private Optional<Deployment> repin(byte[] id, String choice) {
        if (choice.isEmpty() || choice.equals("keep")) {
            return Optional.empty();
        }
        Optional<InvocationStatus> status;
        try (var snapshot = storage.snapshot()) {
            status = tables.status().get(Reads.of(snapshot), id);
        }
        if (status.isEmpty()) {
            return Optional.empty(); // the command answers not found
        }
        try {
            return Optional.of(targets.repin(choice.equals("latest") ? Optional.empty() : Optional.of(choice),
                    status.get().getTarget().getService(), status.get().getDeployment().getProtocolVersion()));
        } catch (Targets.TargetException e) {
            throw new Refused(ControlResult.of(ControlResult.Kind.INVALID, e.getMessage()));
        }
    }

    /** @param id the invocation operated on: a reply naming another one names the invocation a restart started */
    private static ControlResult result(Reply reply, ByteString id) {
        return switch (reply.getCode()) {
            case OK -> new ControlResult(ControlResult.Kind.DONE, "", Optional.of(reply.getInvocationId())
                    .filter(other -> other.size() == InvocationId.BYTES && !other.equals(id))
                    .map(other -> InvocationId.fromBytes(other.toByteArray()).toString()));
            case ACCEPTED -> ControlResult.of(ControlResult.Kind.ACCEPTED, "");
            case NOT_FOUND -> ControlResult.of(ControlResult.Kind.NOT_FOUND, reply.getMessage());
            case CONFLICT -> ControlResult.of(ControlResult.Kind.CONFLICT, reply.getMessage());
            case NOT_STARTED -> ControlResult.of(ControlResult.Kind.NOT_STARTED, reply.getMessage());
            case GONE -> ControlResult.of(ControlResult.Kind.GONE, reply.getMessage());
            case INVALID -> ControlResult.of(reply.getUnsupported() ? ControlResult.Kind.UNSUPPORTED : ControlResult.Kind.INVALID, reply.getMessage());
            default -> throw new InvocationException(InvocationException.Kind.UNAVAILABLE, "the engine could not apply the operation: " + reply.getMessage());
        };
    }
}
