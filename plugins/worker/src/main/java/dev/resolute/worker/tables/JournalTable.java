package dev.resolute.worker.tables;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.engine.pb.JournalEntry;
import java.nio.ByteBuffer;
import dev.resolute.worker.ids.InvocationId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Each invocation's journal: commands and notifications in the order they were stored, which is the order an
 * attempt replays them.
 *
 * <pre>journal   invocation id (24) · index u32 → JournalEntry</pre>
 */
public final class JournalTable extends Table {
    private static final TableSchema SCHEMA = new TableSchema("journal", Optional.of("sys_journal"),
            List.of(Column.of("id", ColumnType.INVOCATION_ID), Column.of("index", ColumnType.U32)),
            List.of(Column.message("entry", JournalEntry.getDescriptor())));

    /** One stored entry with its place: the invocation's id and the entry's index. */
    public record Row(byte[] id, int index, JournalEntry entry) {
    }

    JournalTable(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    public void put(Tx tx, byte[] id, int index, JournalEntry entry) {
        tx.put(keyspace, key(id, index), entry.toByteArray());
    }

    /**
     * @return the invocation's journal, in index order
     * @throws UnreadableRowException if an entry is not a {@code JournalEntry}
     */
    public List<JournalEntry> entries(Reads reads, byte[] id) {
        List<JournalEntry> entries = new ArrayList<>();
        for (KeyValue kv : reads.scan(keyspace, KeyRange.prefix(id))) {
            try {
                entries.add(JournalEntry.parseFrom(kv.value()));
            } catch (InvalidProtocolBufferException e) {
                throw new UnreadableRowException(keyspace.name(), kv.key(), e);
            }
        }
        return entries;
    }

    /**
     * @return the entry at {@code index} of the invocation's journal, if stored
     * @throws UnreadableRowException if it is not a {@code JournalEntry}
     */
    public Optional<JournalEntry> get(Reads reads, byte[] id, int index) {
        byte[] key = key(id, index);
        return reads.get(keyspace, key).map(bytes -> {
            try {
                return shared(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new UnreadableRowException(keyspace.name(), key, e);
            }
        });
    }

    /**
     * The invocation's entries from index {@code from} on (unsigned), read and decoded as the iterator advances: one
     * key range, so a window of a long journal reads only what it shows.
     */
    public Iterator<Row> from(Snapshot snapshot, byte[] id, int from) {
        KeyRange journal = KeyRange.prefix(id);
        byte[] start = key(id, from);
        return rows(snapshot, List.of(journal.hasEnd() ? KeyRange.between(start, journal.end()) : KeyRange.atLeast(start)));
    }

    /** Deletes the invocation's whole journal (a purge). */
    public void deleteAll(Tx tx, byte[] id) {
        for (KeyValue kv : tx.scan(keyspace, KeyRange.prefix(id))) {
            tx.delete(keyspace, kv.key());
        }
    }

    /**
     * The entries in {@code ranges} of the snapshot, read and decoded as the iterator advances.
     *
     * @throws UnreadableRowException from the iterator, for a row that is not a {@code JournalEntry}
     */
    public Iterator<Row> rows(Snapshot snapshot, List<KeyRange> ranges) {
        return new RangeIterator<>(snapshot, keyspace, ranges, kv -> {
            try {
                return new Row(Arrays.copyOf(kv.key(), InvocationId.BYTES), Bytes.u32(Bytes.tail(kv.key(), InvocationId.BYTES)),
                        shared(kv.value()));
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                throw new UnreadableRowException(keyspace.name(), kv.key(), e);
            }
        });
    }

    /**
     * An entry read for display, its payload sharing the stored value's array: the store hands out copies nobody else
     * holds, so a 10 MiB entry is not copied again.
     */
    private static JournalEntry shared(byte[] stored) throws InvalidProtocolBufferException {
        CodedInputStream in = UnsafeByteOperations.unsafeWrap(stored).newCodedInput();
        in.enableAliasing(true);
        return JournalEntry.parser().parseFrom(in);
    }

    static byte[] key(byte[] id, int index) {
        return ByteBuffer.allocate(id.length + 4).put(id).putInt(index).array();
    }
}
