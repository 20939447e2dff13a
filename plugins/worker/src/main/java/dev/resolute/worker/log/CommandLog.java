package dev.resolute.worker.log;

import dev.resolute.worker.engine.pb.Command;
import java.util.concurrent.CompletableFuture;

/**
 * The ordered stream of commands of each partition: the seam between whoever proposes commands (the
 * ingress path, the invoker, timers, other partitions) and the partition's state machine. A command
 * is applied by every replica of its partition in log order; on one node this is
 * {@link LocalCommandLog}, and a replicated log (Raft) can take its place without touching the
 * state machine or the tables.
 */
public interface CommandLog {

    /**
     * Appends {@code command} to {@code partition}'s log.
     *
     * @return a future that completes with the command's log index and the state machine's reply once
     *     it is applied and that application is durable, and fails with {@link PartitionStoppedException} if the partition
     *     stopped before that. It completes on the partition's own thread: callers that do more than
     *     hand the result on must move to their own executor.
     */
    CompletableFuture<Applied> propose(int partition, Command command);
}
