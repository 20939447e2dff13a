package dev.resolute.storage.rocksdb;

import dev.resolute.spi.storage.GroupCommit;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.WriteBatch;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * Applies a commit group as one RocksDB write batch: one WAL append and one fsync for the group.
 * RocksDB's own group commit of concurrent synced writes (each committer calling {@code write})
 * reached about half the rate with 64 writers on the benchmark machine (docs/benchmarks.md), because
 * every committer enters RocksDB's write path and wakes for its own memtable insert.
 * Runs on the {@link GroupCommit} thread only.
 */
final class RocksDbGroupWriter implements GroupCommit.GroupWriter {

    /** Longer than any key and all 0xFF, so it sorts after every key: the end of an unbounded range delete. */
    private static final byte[] PAST_EVERY_KEY = filled(Keys.MAX_SIZE + 1);

    private final RocksDB db;
    private final WriteOptions options;
    private final Path directory;

    RocksDbGroupWriter(RocksDB db, WriteOptions options, Path directory) {
        this.db = db;
        this.options = options;
        this.directory = directory;
    }

    @Override
    public void write(List<WriteBatch> group) {
        try (org.rocksdb.WriteBatch rocks = new org.rocksdb.WriteBatch()) {
            Translator translator = new Translator(rocks);
            for (WriteBatch batch : group) {
                batch.forEach(translator);
            }
            if (translator.failure != null) {
                throw translator.failure;
            }
            db.write(options, rocks); // syncs the WAL, unless periodic sync-mode cleared WriteOptions.sync
        } catch (RocksDBException e) {
            throw RocksDbErrors.map(e, directory, "committing");
        }
    }

    private static byte[] filled(int length) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) 0xFF);
        return out;
    }

    /** Copies SPI operations into the RocksDB batch; the first failure stops it (visitors cannot throw checked exceptions). */
    private static final class Translator implements WriteBatch.Visitor {
        private final org.rocksdb.WriteBatch rocks;
        private RocksDBException failure;

        Translator(org.rocksdb.WriteBatch rocks) {
            this.rocks = rocks;
        }

        @Override
        public void put(Keyspace keyspace, byte[] key, byte[] value) {
            if (failure == null) {
                try {
                    rocks.put(handle(keyspace), key, value);
                } catch (RocksDBException e) {
                    failure = e;
                }
            }
        }

        @Override
        public void delete(Keyspace keyspace, byte[] key) {
            if (failure == null) {
                try {
                    rocks.delete(handle(keyspace), key);
                } catch (RocksDBException e) {
                    failure = e;
                }
            }
        }

        @Override
        public void deleteRange(Keyspace keyspace, KeyRange range) {
            if (failure == null && !range.isEmpty()) {
                try {
                    rocks.deleteRange(handle(keyspace), range.start(), range.hasEnd() ? range.end() : PAST_EVERY_KEY);
                } catch (RocksDBException e) {
                    failure = e;
                }
            }
        }

        private static org.rocksdb.ColumnFamilyHandle handle(Keyspace keyspace) {
            return ((RocksDbKeyspace) keyspace).handle(); // RocksDbStorage.commit checked the handles
        }
    }
}
