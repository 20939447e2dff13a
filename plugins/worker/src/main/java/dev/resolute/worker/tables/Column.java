package dev.resolute.worker.tables;

import com.google.protobuf.Descriptors.Descriptor;
import java.util.Objects;
import java.util.Optional;

/**
 * One column of a table's key or value.
 *
 * @param name    the column's name, as Restate's SQL introspection names it where the table maps onto one of its tables
 * @param type    its byte layout
 * @param message the protobuf message of a {@link ColumnType#MESSAGE} column; empty for every other type
 */
public record Column(String name, ColumnType type, Optional<Descriptor> message) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        if (message.isPresent() != (type == ColumnType.MESSAGE)) {
            throw new IllegalArgumentException("column " + name + ": a descriptor goes with type MESSAGE and only with it");
        }
    }

    static Column of(String name, ColumnType type) {
        return new Column(name, type, Optional.empty());
    }

    static Column message(String name, Descriptor descriptor) {
        return new Column(name, ColumnType.MESSAGE, Optional.of(descriptor));
    }
}
