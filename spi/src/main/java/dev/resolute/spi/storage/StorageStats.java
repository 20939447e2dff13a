package dev.resolute.spi.storage;

import java.util.List;
import java.util.Objects;

/**
 * A store's sizes and commit counters since it opened.
 *
 * @param engine    {@link Storage#engine()}
 * @param keyspaces one entry per open keyspace, by name
 * @param commits   non-empty batches committed
 * @param syncs     syncs to stable storage; {@code commits / syncs} is the average group-commit size
 */
public record StorageStats(String engine, List<KeyspaceStats> keyspaces, long commits, long syncs) {
    public StorageStats {
        Objects.requireNonNull(engine, "engine");
        keyspaces = List.copyOf(keyspaces);
    }
}
