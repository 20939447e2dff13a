package dev.resolute.storage.rocksdb;

import dev.resolute.spi.PluginFactory;
import dev.resolute.tck.storage.StorageTck;

/** The storage conformance suite on RocksDB. */
class RocksDbStorageTckTest extends StorageTck {

    @Override
    protected PluginFactory factory() {
        return new RocksDbStorageFactory();
    }
}
