package dev.resolute.spi.storage;

import java.util.Objects;

/**
 * A storage failure the engine must handle, typed by {@link Kind}. The message is written for the
 * operator: it says what happened, where, and what to change (a config key to raise, a file to
 * check). Implementors must map every engine error to the closest kind, and keep the engine's own
 * error as the cause.
 */
public final class StorageException extends RuntimeException {

    /** What went wrong, and so what the engine can do about it. */
    public enum Kind {
        /**
         * No room: LMDB's map reached {@code storage.lmdb.max-map-size}, or the disk is full. The
         * failed batch was not applied; reads still work, and commits work again once space is freed
         * or the limit raised.
         */
        STORE_FULL,
        /** A single batch is larger than the engine can apply in one transaction. Split it. */
        TOO_LARGE,
        /** Checksums or structures on disk are inconsistent. Stop; restore from a backup or snapshot. */
        CORRUPTION,
        /** The operating system reported an I/O error. Usually not recoverable without the operator. */
        IO,
        /** Another process (or another store in this process) has the data dir open. */
        LOCKED,
        /** The data dir was written by another engine; switching engines does not migrate data. */
        WRONG_ENGINE,
        /** Too many snapshots are open at once (LMDB's reader table is full). Close some, or raise the limit. */
        TOO_MANY_READERS,
        /** The store, or the snapshot used, is closed. */
        CLOSED
    }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        this(kind, message, null);
    }

    public StorageException(Kind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "StorageException[" + kind + "]: " + getMessage();
    }
}
