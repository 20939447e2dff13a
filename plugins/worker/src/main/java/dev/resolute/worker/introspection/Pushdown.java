package dev.resolute.worker.introspection;

import dev.resolute.spi.query.ScanFilter;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.tables.KeyRanges;
import dev.resolute.worker.tables.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a scan's filter into the key ranges to read. Every partitioned table's key starts with the partition key, so
 * a filter on {@code partition_key}, on an object key (whose partition key is its hash) or on an invocation id (which
 * starts with its partition key) narrows a scan to a few ranges. A filter value the table cannot use for a column
 * (not a number for {@code partition_key}) leaves that column unused: reading more is safe, the engine checks again.
 */
final class Pushdown {
    private final ScanFilter filter;

    Pushdown(ScanFilter filter) {
        this.filter = filter;
    }

    /**
     * The invocations {@code column} (an {@code inv_1…} id) must be one of, as 24-byte ids; texts that are not ids
     * match no row and are left out. Empty if the filter does not constrain the column.
     */
    Optional<List<byte[]>> invocationIds(String column) {
        List<Object> values = valuesOf(column);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<byte[]> ids = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof String text) {
                try {
                    ids.add(InvocationId.parse(text).toBytes());
                } catch (IllegalArgumentException notAnId) {
                    // no row has this id
                }
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(ids);
    }

    /**
     * The partition keys the rows may have, from {@code partitionKeyColumn} (may be null: the table has none) and
     * from {@code objectKeyColumn} (an object key or workflow id: its hash), intersected; empty if neither narrows.
     */
    private Optional<Set<Long>> partitionKeys(String partitionKeyColumn, String objectKeyColumn) {
        Optional<Set<Long>> direct = numbers(partitionKeyColumn);
        Optional<Set<Long>> hashed = texts(objectKeyColumn).map(keys -> {
            Set<Long> out = new TreeSet<>(Long::compareUnsigned);
            keys.forEach(key -> out.add(PartitionKeys.of(key)));
            return out;
        });
        if (direct.isPresent() && hashed.isPresent()) {
            direct.get().retainAll(hashed.get());
            return direct;
        }
        return direct.isPresent() ? direct : hashed;
    }

    /** The ranges of {@link #partitionKeys}, or every key. */
    List<KeyRange> partitionRanges(String partitionKeyColumn, String objectKeyColumn) {
        return partitionKeys(partitionKeyColumn, objectKeyColumn)
                .map(keys -> keys.stream().map(KeyRanges::partitionKey).toList())
                .orElse(List.of(KeyRange.all()));
    }

    /**
     * The ranges of the objects {@code serviceColumn} and {@code keyColumn} name together (each service with each
     * key), kept to the partition keys {@code partitionKeyColumn} allows; without both, {@link #partitionRanges}.
     */
    List<KeyRange> objectRanges(String partitionKeyColumn, String serviceColumn, String keyColumn) {
        Optional<List<String>> services = texts(serviceColumn);
        Optional<List<String>> keys = texts(keyColumn);
        if (services.isEmpty() || keys.isEmpty()) {
            return partitionRanges(partitionKeyColumn, keyColumn);
        }
        List<ObjectKey> objects = new ArrayList<>();
        for (String service : services.get()) {
            for (String key : keys.get()) {
                objects.add(new ObjectKey(PartitionKeys.of(key), service, key));
            }
        }
        return objectRanges(partitionKeyColumn, objects);
    }

    /** The ranges of {@code objects} whose partition keys {@code partitionKeyColumn} allows. */
    List<KeyRange> objectRanges(String partitionKeyColumn, List<ObjectKey> objects) {
        Optional<Set<Long>> allowed = numbers(partitionKeyColumn);
        return objects.stream()
                .filter(object -> allowed.isEmpty() || allowed.get().contains(object.partitionKey()))
                .map(KeyRanges::object)
                .toList();
    }

    /**
     * Whether every value {@code column} may take is among {@code allowed}: its IN list is, or it must differ from
     * each text in {@code complement} (the values outside {@code allowed}).
     */
    boolean restrictedTo(String column, Set<String> allowed, Set<String> complement) {
        return texts(column).map(allowed::containsAll).orElse(false)
                || (column != null && filter.excludedValuesOf(column).containsAll(complement));
    }

    /** The texts {@code column} must be one of; empty if unconstrained or a value is not a text. */
    Optional<List<String>> texts(String column) {
        List<Object> values = valuesOf(column);
        if (values.isEmpty() || !values.stream().allMatch(v -> v instanceof String)) {
            return Optional.empty();
        }
        return Optional.of(values.stream().map(String.class::cast).distinct().sorted().toList());
    }

    private Optional<Set<Long>> numbers(String column) {
        List<Object> values = valuesOf(column);
        if (values.isEmpty() || !values.stream().allMatch(v -> v instanceof Long || v instanceof Integer)) {
            return Optional.empty();
        }
        Set<Long> out = new TreeSet<>(Long::compareUnsigned); // key order, so rows come out as in a full scan
        values.forEach(v -> out.add(((Number) v).longValue()));
        return Optional.of(out);
    }

    /** The filter's values for {@code column}; none for a column the table does not have (null). */
    private List<Object> valuesOf(String column) {
        return column == null ? List.of() : filter.valuesOf(column);
    }
}
