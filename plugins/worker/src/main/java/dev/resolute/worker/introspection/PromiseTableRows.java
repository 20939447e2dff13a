package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.BINARY;
import static dev.resolute.spi.query.SqlType.BOOLEAN;
import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.tables.PromisesTable;
import java.util.Iterator;

/**
 * {@code sys_promise}: workflows' durable promises, completed or awaited. Pushed down: {@code service_name} with
 * {@code service_key}, {@code service_key}, {@code partition_key}.
 */
final class PromiseTableRows extends EngineTable {
    private static final Columns COLUMNS = Columns.of("partition_key", UINT64, "scope", UTF8, "service_name", UTF8,
            "service_key", UTF8, "key", UTF8, "completed", BOOLEAN, "completion_success_value", BINARY,
            "completion_success_value_utf8", UTF8, "completion_failure", UTF8);

    PromiseTableRows(EngineData data) {
        super(data, "sys_promise", COLUMNS);
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        return Lazy.map(data.tables().promises().rows(snapshot, filter.objectRanges("partition_key", "service_name", "service_key")), this::row);
    }

    private Object[] row(PromisesTable.Row stored) {
        Columns.Row row = row().set("partition_key", stored.workflow().partitionKey())
                .set("service_name", stored.workflow().service())
                .set("service_key", stored.workflow().key())
                .set("key", stored.name())
                .set("completed", stored.promise().hasCompletion());
        Outcome completion = stored.promise().getCompletion();
        if (completion.hasFailure()) {
            row.set("completion_failure", Values.failure(completion.getFailure().getCode(), completion.getFailure().getMessage()));
        } else if (stored.promise().hasCompletion()) {
            byte[] value = completion.getValue().toByteArray();
            row.set("completion_success_value", value).set("completion_success_value_utf8", Values.utf8(value));
        }
        return row.values();
    }
}
