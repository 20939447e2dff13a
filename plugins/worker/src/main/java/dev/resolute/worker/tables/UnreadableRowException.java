package dev.resolute.worker.tables;

import java.util.HexFormat;

/**
 * A stored row that does not decode: its bytes are not what its table writes. Data, not I/O: the storage read
 * worked, so this is reported (and recorded by the state machine) rather than treated as a broken store.
 */
public final class UnreadableRowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableRowException(String keyspace, byte[] key, Throwable cause) {
        super("row " + HexFormat.of().formatHex(key) + " of table " + keyspace + " does not decode: " + cause.getMessage(), cause);
    }
}
