package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.engine.pb.Target;
import java.util.Iterator;

/**
 * {@code sys_idempotency} (Restate ≤ 1.6): the stored invocations that were submitted with an idempotency key. An
 * idempotent request's id is derived from its target and key, so the status table is the index and this table reads
 * it. Pushed down: {@code partition_key}, {@code service_key}.
 */
final class IdempotencyTableRows extends EngineTable {
    private static final Columns COLUMNS = Columns.of("partition_key", UINT64, "service_name", UTF8, "service_key", UTF8,
            "service_handler", UTF8, "idempotency_key", UTF8, "invocation_id", UTF8);

    IdempotencyTableRows(EngineData data) {
        super(data, "sys_idempotency", COLUMNS);
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        return Lazy.map(data.tables().status().rows(snapshot, filter.partitionRanges("partition_key", "service_key")), stored -> {
            if (stored.status().getIdempotencyKey().isEmpty()) {
                return null;
            }
            Target target = stored.status().getTarget();
            return row().set("partition_key", Values.partitionKey(stored.id()))
                    .set("service_name", target.getService())
                    .set("service_key", Values.keyed(target) ? target.getKey() : null)
                    .set("service_handler", target.getHandler())
                    .set("idempotency_key", stored.status().getIdempotencyKey())
                    .set("invocation_id", Values.id(stored.id()))
                    .values();
        });
    }
}
