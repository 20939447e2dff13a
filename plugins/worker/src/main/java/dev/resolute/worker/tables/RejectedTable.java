package dev.resolute.worker.tables;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.worker.engine.pb.Rejection;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Commands a partition could not apply, with the reason: a rejection is an outcome recorded like any other, so
 * every replica records the same one instead of stopping.
 *
 * <pre>rejected   partition u16 · seq u64 → Rejection</pre>
 */
public final class RejectedTable extends Table {
    private static final TableSchema SCHEMA = new TableSchema("rejected", Optional.empty(),
            List.of(Column.of("partition", ColumnType.U16), Column.of("sequence_number", ColumnType.U64)),
            List.of(Column.message("rejection", Rejection.getDescriptor())));

    RejectedTable(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    public void put(Tx tx, int partition, long seq, Rejection rejection) {
        tx.put(keyspace, ByteBuffer.allocate(10).putShort((short) partition).putLong(seq).array(), rejection.toByteArray());
    }

    /**
     * @return the partition's rejections, oldest first
     * @throws UnreadableRowException if a row is not a {@code Rejection}
     */
    public List<Rejection> list(Reads reads, int partition) {
        List<Rejection> out = new ArrayList<>();
        for (KeyValue kv : reads.scan(keyspace, KeyRange.prefix(Bytes.u16(partition)))) {
            try {
                out.add(Rejection.parseFrom(kv.value()));
            } catch (InvalidProtocolBufferException e) {
                throw new UnreadableRowException(keyspace.name(), kv.key(), e);
            }
        }
        return out;
    }
}
