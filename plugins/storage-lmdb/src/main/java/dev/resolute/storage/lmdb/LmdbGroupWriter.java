package dev.resolute.storage.lmdb;

import dev.resolute.spi.storage.GroupCommit;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.util.List;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * Applies a commit group in one LMDB write transaction (LMDB allows one at a time, so group commit
 * is the only way to share its sync), growing the map and retrying while LMDB reports it full.
 * Runs on the {@link GroupCommit} thread only.
 */
final class LmdbGroupWriter implements GroupCommit.GroupWriter {

    private final LmdbStorage storage;
    private final Env<ByteBuffer> env;
    private final ByteBuffer key = Buffers.keyBuffer();
    private Txn<ByteBuffer> txn;

    LmdbGroupWriter(LmdbStorage storage, Env<ByteBuffer> env) {
        this.storage = storage;
        this.env = env;
    }

    @Override
    public void write(List<WriteBatch> group) {
        WriteBatch.Visitor applier = new Applier();
        while (true) {
            try (Txn<ByteBuffer> t = env.txnWrite()) {
                txn = t;
                for (WriteBatch batch : group) {
                    batch.forEach(applier);
                }
                t.commit(); // fsyncs, unless periodic sync opened the env with MDB_NOSYNC
                return;
            } catch (Env.MapFullException e) {
                storage.grow(group.stream().mapToLong(WriteBatch::approximateBytes).sum(), e);
            } catch (LmdbException e) {
                throw LmdbErrors.map(e, storage.directory(), "committing");
            } finally {
                txn = null;
            }
        }
    }

    /** Writes a batch's operations into the open write transaction. */
    private final class Applier implements WriteBatch.Visitor {
        @Override
        public void put(Keyspace keyspace, byte[] k, byte[] value) {
            ByteBuffer target = dbi(keyspace).reserve(txn, Buffers.fill(key, k), value.length);
            target.put(value);
        }

        @Override
        public void delete(Keyspace keyspace, byte[] k) {
            dbi(keyspace).delete(txn, Buffers.fill(key, k));
        }

        @Override
        public void deleteRange(Keyspace keyspace, KeyRange range) {
            if (range.isEmpty()) {
                return;
            }
            byte[] start = range.start();
            byte[] end = range.hasEnd() ? range.end() : null;
            try (Cursor<ByteBuffer> cursor = dbi(keyspace).openCursor(txn)) {
                boolean found = start.length == 0 ? cursor.first() : cursor.get(Buffers.fill(key, start), GetOp.MDB_SET_RANGE);
                while (found && (end == null || Buffers.compare(cursor.key(), end) < 0)) {
                    cursor.delete();
                    found = cursor.next(); // after a delete LMDB's cursor already sits on the successor; next() returns it
                }
            }
        }

        private Dbi<ByteBuffer> dbi(Keyspace keyspace) {
            return ((LmdbKeyspace) keyspace).dbi(); // LmdbStorage.commit checked the handles
        }
    }
}
