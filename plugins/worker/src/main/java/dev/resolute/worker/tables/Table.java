package dev.resolute.worker.tables;

import dev.resolute.spi.storage.Keyspace;

/** A typed table: it owns the encoding of its keys and values, and describes them. */
public interface Table {

    /** The keyspace the table lives in. */
    Keyspace keyspace();

    /** Its key and value columns, for introspection. */
    TableSchema schema();
}
