package dev.resolute.spi.query;

import java.util.Objects;

/**
 * One column of an introspection table or of a query's result.
 *
 * @param name its name, as Restate's SQL introspection names it (reference §5)
 * @param type its value type
 */
public record TableColumn(String name, SqlType type) {

    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
