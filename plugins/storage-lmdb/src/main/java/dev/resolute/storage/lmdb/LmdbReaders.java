package dev.resolute.storage.lmdb;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * Read transactions for snapshots, reused: a closed snapshot's transaction is reset (it keeps its
 * reader slot, but no longer pins a version) and renewed by a later snapshot. A new lmdbjava
 * transaction allocates native memory (and its finalizer frees it), which took 6 % of the CPU of the
 * engine benchmark's profile.
 */
final class LmdbReaders {

    /** A read transaction and the direct buffer its snapshot passes keys in. */
    record Reader(Txn<ByteBuffer> txn, ByteBuffer key) {
    }

    private static final int MAX_IDLE = 64;

    private final Env<ByteBuffer> env;
    private final ConcurrentLinkedDeque<Reader> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    LmdbReaders(Env<ByteBuffer> env) {
        this.env = env;
    }

    /** A reader on the latest committed state. */
    Reader acquire() {
        Reader reader = idle.pollFirst();
        if (reader == null) {
            return new Reader(env.txnRead(), Buffers.keyBuffer());
        }
        idleCount.decrementAndGet();
        try {
            reader.txn().renew();
            return reader;
        } catch (LmdbException e) {
            reader.txn().close();
            throw e;
        }
    }

    /** Takes back a reader whose snapshot closed. */
    void release(Reader reader) {
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            reader.txn().reset();
            idle.offerFirst(reader);
        } else {
            idleCount.decrementAndGet();
            reader.txn().close();
        }
    }

    /** Frees the idle transactions; before the environment closes. */
    void close() {
        Reader reader;
        while ((reader = idle.pollFirst()) != null) {
            reader.txn().renew(); // lmdbjava frees a transaction only from the ready state
            reader.txn().close();
        }
        idleCount.set(0);
    }
}
