package dev.resolute.storage.rocksdb;

import dev.resolute.spi.storage.Keyspace;
import org.rocksdb.ColumnFamilyHandle;

/** A column family. Compared by identity: the store hands out one instance per name. */
final class RocksDbKeyspace implements Keyspace {

    private final String name;
    private final ColumnFamilyHandle handle;
    private final RocksDbStorage owner;

    RocksDbKeyspace(String name, ColumnFamilyHandle handle, RocksDbStorage owner) {
        this.name = name;
        this.handle = handle;
        this.owner = owner;
    }

    @Override
    public String name() {
        return name;
    }

    ColumnFamilyHandle handle() {
        return handle;
    }

    RocksDbStorage owner() {
        return owner;
    }

    @Override
    public String toString() {
        return name;
    }
}
