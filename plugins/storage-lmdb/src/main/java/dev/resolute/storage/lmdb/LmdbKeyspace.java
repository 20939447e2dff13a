package dev.resolute.storage.lmdb;

import dev.resolute.spi.storage.Keyspace;
import java.nio.ByteBuffer;
import org.lmdbjava.Dbi;

/** A named LMDB database. Compared by identity: the store hands out one instance per name. */
final class LmdbKeyspace implements Keyspace {

    private final String name;
    private final Dbi<ByteBuffer> dbi;
    private final LmdbStorage owner;
    private final long seq;

    /**
     * @param seq which keyspace opening this was; snapshots taken before it read it as empty, because an
     *            LMDB handle opened after a read transaction began is not valid in that transaction
     */
    LmdbKeyspace(String name, Dbi<ByteBuffer> dbi, LmdbStorage owner, long seq) {
        this.name = name;
        this.dbi = dbi;
        this.owner = owner;
        this.seq = seq;
    }

    @Override
    public String name() {
        return name;
    }

    Dbi<ByteBuffer> dbi() {
        return dbi;
    }

    LmdbStorage owner() {
        return owner;
    }

    long seq() {
        return seq;
    }

    @Override
    public String toString() {
        return name;
    }
}
