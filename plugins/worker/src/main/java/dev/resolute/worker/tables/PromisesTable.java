package dev.resolute.worker.tables;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.worker.engine.pb.WorkflowPromise;
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

    static byte[] key(ObjectKey workflow, String name) {
        return Bytes.concat(workflow.prefix(), Bytes.utf8(name));
    }
}
