package dev.resolute.worker.tables;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.engine.pb.WorkflowPromise;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Workflows' durable promises: one row per promise, under the workflow's {@link ObjectKey#prefix()}, so a workflow's
 * promises lie in its partition beside its state and are deleted with it.
 *
 * <pre>workflow_promises   partition key u64 · service · key · promise name UTF-8 → WorkflowPromise</pre>
 */
public final class PromisesTable extends Table {
    private static final TableSchema SCHEMA = new TableSchema("workflow_promises", Optional.of("promise"),
            List.of(Column.of("partition_key", ColumnType.U64), Column.of("service_name", ColumnType.STRING),
                    Column.of("service_key", ColumnType.STRING), Column.of("key", ColumnType.UTF8)),
            List.of(Column.message("promise", WorkflowPromise.getDescriptor())));

    /** One stored promise with its workflow and name. */
    public record Row(ObjectKey workflow, String name, WorkflowPromise promise) {
    }

    PromisesTable(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    /**
     * @return the promise, or empty if it was never asked for nor completed
     * @throws UnreadableRowException if the stored row is not a {@code WorkflowPromise}
     */
    public Optional<WorkflowPromise> get(Reads reads, ObjectKey workflow, String name) {
        byte[] key = key(workflow, name);
        return reads.get(keyspace, key).map(bytes -> {
            try {
                return WorkflowPromise.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new UnreadableRowException(keyspace.name(), key, e);
            }
        });
    }

    public void put(Tx tx, ObjectKey workflow, String name, WorkflowPromise promise) {
        tx.put(keyspace, key(workflow, name), promise.toByteArray());
    }

    /** Deletes every promise of the workflow: its retention has expired. */
    public void deleteAll(Tx tx, ObjectKey workflow) {
        for (KeyValue kv : tx.scan(keyspace, KeyRange.prefix(workflow.prefix()))) {
            tx.delete(keyspace, kv.key());
        }
    }

    /**
     * The promises in {@code ranges} of the snapshot, read and decoded as the iterator advances.
     *
     * @throws UnreadableRowException from the iterator, for a row that does not decode
     */
    public Iterator<Row> rows(Snapshot snapshot, List<KeyRange> ranges) {
        return new RangeIterator<>(snapshot, keyspace, ranges, kv -> {
            try {
                ByteBuffer key = ByteBuffer.wrap(kv.key());
                ObjectKey workflow = ObjectKey.read(key);
                String name = new String(Bytes.tail(kv.key(), key.position()), java.nio.charset.StandardCharsets.UTF_8);
                return new Row(workflow, name, WorkflowPromise.parseFrom(kv.value()));
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                throw new UnreadableRowException(keyspace.name(), kv.key(), e);
            }
        });
    }

    static byte[] key(ObjectKey workflow, String name) {
        return Bytes.concat(workflow.prefix(), Bytes.utf8(name));
    }
}
