package dev.resolute.spi.invocation;

/**
 * One partition the engine on this node runs, for endpoints that report the node's state (restatectl's cluster
 * state, the {@code partitions} table).
 *
 * @param id           the partition's index, from 0
 * @param firstKey     the first partition key it owns (unsigned)
 * @param lastKey      the last partition key it owns, inclusive (unsigned)
 * @param appliedIndex the index of the last command it applied and committed; 0 before the first
 * @param running      false once the partition stopped after a storage failure (it then serves nothing)
 */
public record PartitionStatus(int id, long firstKey, long lastKey, long appliedIndex, boolean running) {
}
