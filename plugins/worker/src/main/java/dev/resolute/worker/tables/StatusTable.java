package dev.resolute.worker.tables;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Phase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Every invocation's status, the one place it is encoded and decoded. Writing a status also keeps the
 * {@link ActiveIndex} of non-completed invocations.
 *
 * <pre>status   invocation id (24) → InvocationStatus</pre>
 */
public final class StatusTable extends Table {
    private static final TableSchema SCHEMA = new TableSchema("status", Optional.of("sys_invocation_status"),
            List.of(Column.of("id", ColumnType.INVOCATION_ID)),
            List.of(Column.message("status", InvocationStatus.getDescriptor())));

    private final ActiveIndex active;

    /** One stored status with its invocation's id. */
    public record Row(byte[] id, InvocationStatus status) {
    }

    StatusTable(Keyspace keyspace, ActiveIndex active) {
        super(keyspace, SCHEMA);
        this.active = active;
    }

    /**
     * @return the invocation's status, or empty if there is no such invocation
     * @throws UnreadableRowException if the stored row is not an {@code InvocationStatus}
     */
    public Optional<InvocationStatus> get(Reads reads, byte[] id) {
        return reads.get(keyspace, id).map(bytes -> decode(id, bytes));
    }

    /** Stores the status and keeps the active index: listed while not completed, removed once completed. */
    public void put(Tx tx, byte[] id, InvocationStatus status) {
        tx.put(keyspace, id, status.toByteArray());
        if (status.getPhase() == Phase.COMPLETED) {
            active.remove(tx, id);
        } else {
            active.add(tx, id);
        }
    }

    /** A status a batch wrote: the invocation's id and its status after the batch, or empty if the batch deleted it. */
    public record Written(byte[] id, Optional<InvocationStatus> status) {
    }

    /** The statuses {@code tx} wrote, in id order: every invocation the batch created, changed or deleted. */
    public List<Written> written(Tx tx) {
        List<Written> out = new ArrayList<>();
        tx.written(keyspace, (id, value) -> out.add(new Written(id, value.map(bytes -> decode(id, bytes)))));
        return out;
    }

    /** Deletes the invocation's status (and its entry in the active index). */
    public void delete(Tx tx, byte[] id) {
        tx.delete(keyspace, id);
        active.remove(tx, id);
    }

    /**
     * Lists the non-completed invocations of a partition in the active index, for stores written before the index
     * existed. A row that does not decode is listed too, so recovery reports it instead of forgetting it.
     */
    public void indexActive(Tx tx, int partition, int partitionCount) {
        for (KeyValue kv : tx.scan(keyspace, ActiveIndex.idRange(partition, partitionCount))) {
            try {
                if (InvocationStatus.parseFrom(kv.value()).getPhase() != Phase.COMPLETED) {
                    active.add(tx, kv.key());
                }
            } catch (InvalidProtocolBufferException e) {
                active.add(tx, kv.key());
            }
        }
    }

    /** Hands the partition's statuses that decode to {@code visitor}, in id order. */
    public void forEach(Reads reads, int partition, int partitionCount, BiConsumer<byte[], InvocationStatus> visitor) {
        reads.scan(keyspace, ActiveIndex.idRange(partition, partitionCount), kv -> {
            try {
                visitor.accept(kv.key(), InvocationStatus.parseFrom(kv.value()));
            } catch (InvalidProtocolBufferException e) {
                // recovery reports it (it stays in the active index); a list cannot place it
            }
            return true;
        });
    }

    /**
     * The statuses in {@code ranges} of the snapshot, read and decoded as the iterator advances.
     *
     * @throws UnreadableRowException from the iterator, for a row that is not an {@code InvocationStatus}
     */
    public Iterator<Row> rows(Snapshot snapshot, List<KeyRange> ranges) {
        return new RangeIterator<>(snapshot, keyspace, ranges, kv -> new Row(kv.key(), decode(kv.key(), kv.value())));
    }

    private InvocationStatus decode(byte[] id, byte[] bytes) {
        try {
            return InvocationStatus.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new UnreadableRowException(keyspace.name(), id, e);
        }
    }
}
