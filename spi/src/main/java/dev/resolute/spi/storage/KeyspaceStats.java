package dev.resolute.spi.storage;

import java.util.Objects;

/**
 * Approximate size of one keyspace, for introspection; not a count to rely on (RocksDB estimates).
 *
 * @param name    the keyspace
 * @param entries approximate number of keys
 * @param bytes   approximate bytes used on disk (and, for RocksDB, in memtables)
 */
public record KeyspaceStats(String name, long entries, long bytes) {
    public KeyspaceStats {
        Objects.requireNonNull(name, "name");
    }
}
