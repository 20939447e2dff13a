package dev.resolute.worker.introspection;

import static dev.resolute.spi.query.SqlType.TIMESTAMP;
import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Reads;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code sys_locks}: the held locks of virtual objects and workflows, named {@code service/key}, with the invocation
 * holding each; it took the lock when its first attempt started, which is {@code acquired_at}. Pushed down:
 * {@code lock_name} and {@code partition_key}.
 */
final class LocksTableRows extends EngineTable {
    private static final Columns COLUMNS = Columns.of("partition_key", UINT64, "scope", UTF8, "lock_name", UTF8,
            "acquired_at", TIMESTAMP, "acquired_by", UTF8);

    LocksTableRows(EngineData data) {
        super(data, "sys_locks", COLUMNS);
    }

    @Override
    Iterator<Object[]> rows(Snapshot snapshot, Pushdown filter) {
        Reads reads = Reads.of(snapshot);
        return Lazy.map(data.tables().locks().rows(snapshot, ranges(filter)), lock -> row()
                .set("partition_key", lock.object().partitionKey())
                .set("lock_name", lock.object().service() + "/" + lock.object().key())
                .set("acquired_at", data.tables().status().get(reads, lock.holder()).map(InvocationStatus::getRunningAt).map(Values::timestamp).orElse(null))
                .set("acquired_by", Values.id(lock.holder()))
                .values());
    }

    /** A lock name is {@code service/key}: service names have no {@code /}, so the first one splits it. */
    private static List<KeyRange> ranges(Pushdown filter) {
        List<String> names = filter.texts("lock_name").orElse(List.of());
        if (names.isEmpty()) {
            return filter.partitionRanges("partition_key", null);
        }
        List<ObjectKey> objects = new ArrayList<>();
        for (String name : names) {
            int slash = name.indexOf('/');
            if (slash > 0) { // a name without one is no object's lock: it matches no row
                String key = name.substring(slash + 1);
                objects.add(new ObjectKey(PartitionKeys.of(key), name.substring(0, slash), key));
            }
        }
        return filter.objectRanges("partition_key", objects);
    }
}
