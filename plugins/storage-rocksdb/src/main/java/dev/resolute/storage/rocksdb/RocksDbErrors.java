package dev.resolute.storage.rocksdb;

import dev.resolute.spi.storage.StorageException;
import dev.resolute.spi.storage.StorageException.Kind;
import java.nio.file.Path;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Maps RocksDB's status codes to the SPI's kinds, with messages that say what to do. */
final class RocksDbErrors {

    private RocksDbErrors() {
    }

    static StorageException map(RocksDBException e, Path dir, String action) {
        Status status = e.getStatus();
        Status.Code code = status == null ? Status.Code.Undefined : status.getCode();
        Status.SubCode sub = status == null ? Status.SubCode.None : status.getSubCode();
        String where = " (RocksDB in " + dir + ", " + action + "): " + e.getMessage();
        if (code == Status.Code.Corruption) {
            return new StorageException(Kind.CORRUPTION, "the RocksDB files are corrupt" + where + ". Stop the server and restore "
                    + dir + " from a backup.", e);
        }
        if (sub == Status.SubCode.NoSpace) {
            return new StorageException(Kind.STORE_FULL, "the disk is full" + where + ". Free space on the disk of " + dir
                    + "; RocksDB resumes writing once it can.", e);
        }
        if (code == Status.Code.ShutdownInProgress) {
            return new StorageException(Kind.CLOSED, "the RocksDB store is closing" + where, e);
        }
        if (code == Status.Code.IOError && String.valueOf(e.getMessage()).contains("lock")) {
            return new StorageException(Kind.LOCKED, "another process holds RocksDB's lock" + where + ". Stop it first.", e);
        }
        return new StorageException(Kind.IO, "RocksDB failed" + where + ". Check the disk and permissions of " + dir + ".", e);
    }
}
