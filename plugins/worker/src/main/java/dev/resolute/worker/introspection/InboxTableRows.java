package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.TIMESTAMP;
import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.spi.storage.Snapshot;
import java.util.Iterator;

/**
 * {@code sys_inbox}: the invocations waiting for an object's lock, per object in arrival order ({@code created_at} is
 * deprecated and null, as in Restate). Pushed down: {@code service_name} with {@code service_key},
 * {@code service_key}, {@code partition_key}.
 */
final class InboxTableRows extends EngineTable {
    private static final Columns COLUMNS = Columns.of("partition_key", UINT64, "service_name", UTF8, "service_key", UTF8,
            "id", UTF8, "sequence_number", UINT64, "created_at", TIMESTAMP);

    InboxTableRows(EngineData data) {
        super(data, "sys_inbox", COLUMNS);
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        return Lazy.map(data.tables().inbox().rows(snapshot, filter.objectRanges("partition_key", "service_name", "service_key")),
                entry -> row().set("partition_key", entry.object().partitionKey())
                        .set("service_name", entry.object().service())
                        .set("service_key", entry.object().key())
                        .set("id", Values.id(entry.invocationId()))
                        .set("sequence_number", entry.seq())
                        .values());
    }
}
