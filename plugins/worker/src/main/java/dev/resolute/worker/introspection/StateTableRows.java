package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.BINARY;
import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.tables.StateTable;
import java.util.Iterator;

/**
 * {@code state}: one row per state entry of a virtual object or workflow; the key and value as UTF-8 text when they
 * are valid UTF-8. Pushed down: {@code service_name} with {@code service_key} (the object's entries),
 * {@code service_key} alone and {@code partition_key} (partition key ranges).
 */
final class StateTableRows extends EngineTable {
    private static final Columns COLUMNS = Columns.of("partition_key", UINT64, "scope", UTF8, "service_name", UTF8,
            "service_key", UTF8, "key", UTF8, "key_length", UINT64, "value_utf8", UTF8, "value", BINARY, "value_length", UINT64);

    StateTableRows(EngineData data) {
        super(data, "state", COLUMNS);
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        return Lazy.map(data.tables().state().rows(snapshot, filter.objectRanges("partition_key", "service_name", "service_key")), this::row);
    }

    private Object[] row(StateTable.Row stored) {
        return row().set("partition_key", stored.object().partitionKey())
                .set("service_name", stored.object().service())
                .set("service_key", stored.object().key())
                .set("key", Values.utf8(stored.key()))
                .set("key_length", (long) stored.key().length)
                .set("value_utf8", Values.utf8(stored.value()))
                .set("value", stored.value())
                .set("value_length", (long) stored.value().length)
                .values();
    }
}
