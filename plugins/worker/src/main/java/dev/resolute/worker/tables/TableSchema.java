package dev.resolute.worker.tables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a table stores, for introspection: its keyspace, the columns its key is made of and those of its value,
 * each in byte order.
 *
 * @param keyspace     the storage keyspace holding the table
 * @param restateTable the SQL table of Restate's introspection this one maps onto, if any
 * @param key          the key's columns, in the order they are encoded
 * @param value        the value's columns, in the order they are encoded; empty for an index whose value is empty
 */
public record TableSchema(String keyspace, Optional<String> restateTable, List<Column> key, List<Column> value) {

    public TableSchema {
        Objects.requireNonNull(keyspace, "keyspace");
        Objects.requireNonNull(restateTable, "restateTable");
        key = List.copyOf(key);
        value = List.copyOf(value);
    }
}
