package dev.resolute.worker.tables;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.worker.engine.pb.OutboxMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Messages to other partitions (or to this one), kept until their target has applied them and acknowledged.
 *
 * <pre>outbox   partition u16 · seq u64 → target partition u16 · OutboxMessage</pre>
 */
public final class OutboxTable extends Table {
    private static final TableSchema SCHEMA = new TableSchema("outbox", Optional.empty(),
            List.of(Column.of("partition", ColumnType.U16), Column.of("sequence_number", ColumnType.U64)),
            List.of(Column.of("target_partition", ColumnType.U16), Column.message("message", OutboxMessage.getDescriptor())));

    /** A stored message; its value is decoded on demand, so one unreadable row does not hide the others. */
    public static final class Row {
        private final String keyspace;
        private final byte[] key;
        private final byte[] value;

        private Row(String keyspace, byte[] key, byte[] value) {
            this.keyspace = keyspace;
            this.key = key;
            this.value = value;
        }

        public long seq() {
            return Bytes.u64(key, 2);
        }

        /** @throws UnreadableRowException if the row is not a target partition and an {@code OutboxMessage} */
        public int targetPartition() {
            if (value.length < 2) {
                throw new UnreadableRowException(keyspace, key, new IllegalArgumentException("a value of " + value.length + " bytes"));
            }
            return Bytes.u16(value, 0);
        }

        /** @throws UnreadableRowException if the row is not a target partition and an {@code OutboxMessage} */
        public OutboxMessage message() {
            targetPartition();
            try {
                return OutboxMessage.parseFrom(Arrays.copyOfRange(value, 2, value.length));
            } catch (InvalidProtocolBufferException e) {
                throw new UnreadableRowException(keyspace, key, e);
            }
        }
    }

    OutboxTable(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    public void append(Tx tx, int partition, long seq, int targetPartition, OutboxMessage message) {
        byte[] value = ByteBuffer.allocate(2 + message.getSerializedSize()).putShort((short) targetPartition)
                .put(message.toByteArray()).array();
        tx.put(keyspace, key(partition, seq), value);
    }

    public void remove(Tx tx, int partition, long seq) {
        tx.delete(keyspace, key(partition, seq));
    }

    /** The partition's unacknowledged messages, in the order they were stored. */
    public List<Row> pending(Reads reads, int partition) {
        List<Row> rows = new ArrayList<>();
        for (KeyValue kv : reads.scan(keyspace, KeyRange.prefix(Bytes.u16(partition)))) {
            rows.add(new Row(keyspace.name(), kv.key(), kv.value()));
        }
        return rows;
    }

    static byte[] key(int partition, long seq) {
        return ByteBuffer.allocate(10).putShort((short) partition).putLong(seq).array();
    }
}
