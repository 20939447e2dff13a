package dev.resolute.worker.engine;

import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.log.PartitionStoppedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commands proposed on behalf of a client (an ingress request, an admin call): bounded by a commit timeout, a failure
 * to store turned into {@link InvocationException} {@code UNAVAILABLE} saying why, and answered on the replies
 * executor — never on a partition's thread, so the client's callback may write its response.
 */
final class ClientProposals {
    static final long COMMIT_TIMEOUT_SECONDS = 30;

    private final Partitions partitions;
    private final Executor replies;

    ClientProposals(Partitions partitions, Executor replies) {
        this.partitions = partitions;
        this.replies = replies;
    }

    /** Proposes {@code command} to the partition of {@code invocationId}; {@code what} names it in a failure ("the invocation"). */
    CompletableFuture<Reply> propose(byte[] invocationId, Command command, String what) {
        return propose(partitions.partitionOf(invocationId), command, what);
    }

    CompletableFuture<Reply> propose(int partition, Command command, String what) {
        return partitions.propose(partition, command)
                .orTimeout(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .handleAsync((applied, failure) -> {
                    if (failure != null) {
                        throw new InvocationException(InvocationException.Kind.UNAVAILABLE, what + " could not be stored: " + reason(failure));
                    }
                    return applied.reply();
                }, replies);
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return "not committed within " + COMMIT_TIMEOUT_SECONDS + " s";
        }
        return cause instanceof PartitionStoppedException ? cause.getMessage() : cause.toString();
    }
}
