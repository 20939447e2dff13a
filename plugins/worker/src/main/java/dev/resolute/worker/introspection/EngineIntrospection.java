package dev.resolute.worker.introspection;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.IntrospectionTables;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.tables.Tables;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The engine's introspection tables (reference §5) over its live storage: invocations with their status and retry
 * state, journals, state, locks, inboxes, promises and idempotency keys. Each scan reads one storage snapshot and
 * narrows its reads to the key ranges its filter allows.
 */
public final class EngineIntrospection implements IntrospectionTables {
    private final List<IntrospectedTable> tables;

    /**
     * @param storage  the store the engine writes
     * @param inFlight whether an attempt of an invocation (its 24-byte id) runs now
     * @param sdkOf    the SDK a deployment (by id) introduced itself as, for {@code last_attempt_server}
     */
    public EngineIntrospection(Storage storage, Predicate<byte[]> inFlight, Function<String, Optional<String>> sdkOf) {
        EngineData data = new EngineData(storage, new Tables(storage), inFlight, sdkOf);
        this.tables = List.of(new InvocationStatusTable(data), new InvocationStateTable(data), new InvocationTable(data),
                new JournalTableRows(data), new JournalEventsTable(data), new StateTableRows(data),
                new KeyedServiceStatusTable(data), new InboxTableRows(data), new PromiseTableRows(data),
                new LocksTableRows(data), new IdempotencyTableRows(data));
    }

    @Override
    public List<IntrospectedTable> tables() {
        return tables;
    }
}
