package dev.resolute.worker.introspection;

import dev.resolute.spi.storage.Snapshot;
import java.util.Iterator;

/**
 * {@code sys_invocation_state}: a row per invocation that runs, waits to run or retry, or was paused after failing;
 * read through the index of non-completed invocations. Pushed down: {@code id}, {@code partition_key}.
 */
final class InvocationStateTable extends EngineTable {

    InvocationStateTable(EngineData data) {
        super(data, "sys_invocation_state", RetryColumns.HEAD.and(RetryColumns.RETRY));
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        return Lazy.map(Statuses.read(data.tables(), snapshot, filter, "partition_key", true), stored -> {
            if (!RetryColumns.hasState(stored.status().getPhase())) {
                return null;
            }
            Columns.Row row = row();
            RetryColumns.fill(row, stored.id(), stored.status(), data.inFlight().test(stored.id()), data.sdkOf());
            return row.values();
        });
    }
}
