package dev.resolute.storage.lmdb;

import dev.resolute.spi.storage.StorageException;
import dev.resolute.spi.storage.StorageException.Kind;
import java.nio.file.Path;
import org.lmdbjava.Cursor;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Txn;

/** Maps lmdbjava's exceptions to the SPI's kinds, with messages that say what to do. */
final class LmdbErrors {

    private static final int ENOSPC = 28;
    private static final int EDQUOT = 122;
    private static final int EAGAIN = 11;

    private LmdbErrors() {
    }

    static StorageException map(LmdbException e, Path dir, String action) {
        String where = " (LMDB in " + dir + ", " + action + "): " + e.getMessage();
        if (e instanceof Env.MapFullException) {
            return new StorageException(Kind.STORE_FULL, "the LMDB map is full" + where + ". Raise " + LmdbSettings.SECTION + "."
                    + LmdbSettings.MAX_MAP_SIZE + ".", e);
        }
        if (e instanceof Txn.TxFullException || e instanceof Cursor.FullException || e instanceof LmdbNativeException.PageFullException) {
            return new StorageException(Kind.TOO_LARGE, "the batch is too large for one LMDB transaction" + where + ". Split it.", e);
        }
        if (e instanceof Env.ReadersFullException) {
            return new StorageException(Kind.TOO_MANY_READERS, "too many snapshots are open" + where + ". Close snapshots sooner, or raise "
                    + LmdbSettings.SECTION + "." + LmdbSettings.MAX_READERS + ".", e);
        }
        if (e instanceof LmdbNativeException.PageCorruptedException || e instanceof LmdbNativeException.PageNotFoundException
                || e instanceof Env.FileInvalidException || e instanceof Env.VersionMismatchException
                || e instanceof LmdbNativeException.PanicException) {
            return new StorageException(Kind.CORRUPTION, "the LMDB files are corrupt" + where + ". Stop the server and restore "
                    + dir + " from a backup.", e);
        }
        if (e instanceof LmdbNativeException n) {
            switch (n.getResultCode()) {
                case ENOSPC, EDQUOT:
                    return new StorageException(Kind.STORE_FULL, "the disk is full" + where + ". Free space on the disk of " + dir + ".", e);
                case EAGAIN:
                    return new StorageException(Kind.LOCKED, "another process holds LMDB's lock" + where + ". Stop it first.", e);
                default:
                    break;
            }
        }
        return new StorageException(Kind.IO, "LMDB failed" + where + ". Check the disk and permissions of " + dir + ".", e);
    }
}
