package dev.resolute.worker.engine;

import dev.resolute.worker.engine.pb.Command;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import java.util.concurrent.CompletableFuture;

/** Routes commands to the partition that owns them, by the partition key inside ids: no lookups. */
final class Partitions {
    private final PartitionProcessor[] processors;

    Partitions(PartitionProcessor[] processors) {
        this.processors = processors;
    }

    int count() {
        return processors.length;
    }

    int partitionOf(byte[] invocationId) {
        return PartitionKeys.partitionOf(InvocationId.fromBytes(invocationId).partitionKey(), processors.length);
    }

    CompletableFuture<Void> propose(int partition, Command command) {
        return processors[partition].propose(command);
    }

    CompletableFuture<Void> propose(byte[] invocationId, Command command) {
        return propose(partitionOf(invocationId), command);
    }

    static Command.Builder command() {
        return Command.newBuilder().setNow(System.currentTimeMillis());
    }
}
