package dev.resolute.worker.tables;

import dev.resolute.spi.storage.Keyspace;

/** A typed table: it owns the encoding of its keys and values, and describes them. */
public abstract class Table {
    /** The keyspace the table lives in; only the table itself reads and writes it. */
    protected final Keyspace keyspace;
    private final TableSchema schema;

    Table(Keyspace keyspace, TableSchema schema) {
        this.keyspace = keyspace;
        this.schema = schema;
    }

    /** The keyspace the table lives in. */
    public final Keyspace keyspace() {
        return keyspace;
    }

    /** Its key and value columns, for introspection. */
    public final TableSchema schema() {
        return schema;
    }
}
