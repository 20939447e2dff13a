package dev.resolute.worker.engine;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.log.Applied;
import dev.resolute.worker.log.CommandLog;
import java.util.concurrent.CompletableFuture;

/** Routes commands to the partition that owns them, by the partition key inside ids: no lookups. */
final class Partitions {
    private final CommandLog log;
    private final int count;

    Partitions(CommandLog log, int count) {
        this.log = log;
        this.count = count;
    }

    int count() {
        return count;
    }

    int partitionOf(byte[] invocationId) {
        return PartitionKeys.partitionOf(InvocationId.fromBytes(invocationId).partitionKey(), count);
    }

    CompletableFuture<Applied> propose(int partition, Command command) {
        return log.propose(partition, command);
    }

    CompletableFuture<Applied> propose(byte[] invocationId, Command command) {
        return propose(partitionOf(invocationId), command);
    }

    /** A command stamped with the proposer's wall clock: the state machine reads time only from here. */
    static Command.Builder command() {
        return Command.newBuilder().setNow(System.currentTimeMillis());
    }
}
