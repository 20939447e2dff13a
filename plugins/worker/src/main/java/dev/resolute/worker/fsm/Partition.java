package dev.resolute.worker.fsm;

import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;

/** Which partition a state machine applies for, out of how many: ids name their owner by their partition key. */
record Partition(int index, int count) {

    int ownerOf(byte[] invocationId) {
        return PartitionKeys.partitionOf(InvocationId.fromBytes(invocationId).partitionKey(), count);
    }
}
