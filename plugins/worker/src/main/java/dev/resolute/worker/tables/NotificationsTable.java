package dev.resolute.worker.tables;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keyspace;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Which notifications an invocation's journal holds, by what they answer: the index that tells whether what a
 * suspended attempt awaits has arrived, and that keeps a completion from being stored twice.
 *
 * <pre>notifications   invocation id (24) · kind u8 · (completion or signal id u32 | signal name UTF-8) → journal index u32</pre>
 */
public final class NotificationsTable extends Table {
    private static final byte COMPLETION = 1;
    private static final byte SIGNAL = 2;
    private static final byte NAMED_SIGNAL = 3;
    private static final TableSchema SCHEMA = new TableSchema("notifications", Optional.empty(),
            List.of(Column.of("id", ColumnType.INVOCATION_ID), Column.of("kind", ColumnType.U8),
                    Column.of("notification_id", ColumnType.BYTES)),
            List.of(Column.of("index", ColumnType.U32)));

    NotificationsTable(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    /** Records that the journal entry at {@code journalIndex} is the notification {@code notification}. */
    public void put(Tx tx, byte[] id, NotificationId notification, int journalIndex) {
        tx.put(keyspace, key(id, notification), Bytes.u32(journalIndex));
    }

    public boolean contains(Reads reads, byte[] id, NotificationId notification) {
        return reads.get(keyspace, key(id, notification)).isPresent();
    }

    /** The journal index of the notification, if the invocation's journal holds it. */
    public Optional<Integer> index(Reads reads, byte[] id, NotificationId notification) {
        return reads.get(keyspace, key(id, notification)).map(Bytes::u32);
    }

    /** Forgets every notification of the invocation (its journal was purged). */
    public void deleteAll(Tx tx, byte[] id) {
        for (KeyValue kv : tx.scan(keyspace, KeyRange.prefix(id))) {
            tx.delete(keyspace, kv.key());
        }
    }

    static byte[] key(byte[] id, NotificationId notification) {
        if (notification instanceof NotificationId.Completion c) {
            return ByteBuffer.allocate(id.length + 5).put(id).put(COMPLETION).putInt(c.id()).array();
        }
        if (notification instanceof NotificationId.Signal s) {
            return ByteBuffer.allocate(id.length + 5).put(id).put(SIGNAL).putInt(s.id()).array();
        }
        byte[] name = Bytes.utf8(((NotificationId.NamedSignal) notification).name());
        return ByteBuffer.allocate(id.length + 1 + name.length).put(id).put(NAMED_SIGNAL).put(name).array();
    }
}
