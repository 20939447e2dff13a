package dev.resolute.storage.lmdb;

import dev.resolute.spi.PluginFactory;
import dev.resolute.tck.storage.StorageTck;

/** The storage conformance suite on LMDB. */
class LmdbStorageTckTest extends StorageTck {

    @Override
    protected PluginFactory factory() {
        return new LmdbStorageFactory();
    }
}
