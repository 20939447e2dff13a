package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.spi.storage.Snapshot;
import java.util.Iterator;

/**
 * {@code sys_keyed_service_status}: which invocation holds each locked virtual object or workflow. Pushed down:
 * {@code service_name} with {@code service_key}, {@code service_key}, {@code partition_key}.
 */
final class KeyedServiceStatusTable extends EngineTable {
    private static final Columns COLUMNS = Columns.of("partition_key", UINT64, "service_name", UTF8, "service_key", UTF8,
            "invocation_id", UTF8);

    KeyedServiceStatusTable(EngineData data) {
        super(data, "sys_keyed_service_status", COLUMNS);
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        return Lazy.map(data.tables().locks().rows(snapshot, filter.objectRanges("partition_key", "service_name", "service_key")),
                lock -> row().set("partition_key", lock.object().partitionKey())
                        .set("service_name", lock.object().service())
                        .set("service_key", lock.object().key())
                        .set("invocation_id", Values.id(lock.holder()))
                        .values());
    }
}
