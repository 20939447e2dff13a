package dev.resolute.schema;

import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.schema.SchemaException;
import dev.resolute.spi.storage.Storage;
import dev.resolute.spi.storage.StorageException;
import dev.resolute.spi.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry's durable copy: keyspace {@code schema}, one key per deployment ({@code d/<dp id>}) whose
 * value is {@link SchemaCodec}'s JSON. A registration or removal is one single-key batch, so the store
 * never holds half a change.
 */
final class SchemaStore {
    static final String KEYSPACE = "schema";
    private static final byte[] DEPLOYMENTS = "d/".getBytes(StandardCharsets.UTF_8);

    private final Storage storage;
    private final Keyspace keyspace;

    SchemaStore(Storage storage) {
        this.storage = storage;
        this.keyspace = storage.keyspace(KEYSPACE);
    }

    /** Every stored deployment. @throws IllegalStateException naming the key of an entry that cannot be read */
    List<Deployment> load() {
        List<Deployment> deployments = new ArrayList<>();
        try (Snapshot snapshot = storage.snapshot(); KeyValueIterator entries = snapshot.scan(keyspace, KeyRange.prefix(DEPLOYMENTS))) {
            while (entries.hasNext()) {
                KeyValue entry = entries.next();
                try {
                    deployments.add(SchemaCodec.decode(entry.value()));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the schema registry entry " + new String(entry.key(), StandardCharsets.UTF_8)
                            + " in keyspace \"" + KEYSPACE + "\" cannot be read (" + e.getMessage() + "); the store was written by"
                            + " another release or is damaged", e);
                }
            }
        }
        return deployments;
    }

    /** Stores (or replaces) a deployment; durable when this returns. */
    void put(Deployment deployment) {
        commit(new WriteBatch().put(keyspace, key(deployment.id()), SchemaCodec.encode(deployment)));
    }

    /** Removes a deployment; durable when this returns. */
    void delete(String id) {
        commit(new WriteBatch().delete(keyspace, key(id)));
    }

    /** Commits, reporting a storage failure as the registry's own kind of problem (callers know no storage). */
    private void commit(WriteBatch batch) {
        try {
            storage.commit(batch);
        } catch (StorageException e) {
            throw new SchemaException(SchemaException.Kind.UNAVAILABLE, null,
                    "The schema registry cannot store the change now: " + e.getMessage(), e);
        }
    }

    private static byte[] key(String id) {
        byte[] suffix = id.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[DEPLOYMENTS.length + suffix.length];
        System.arraycopy(DEPLOYMENTS, 0, key, 0, DEPLOYMENTS.length);
        System.arraycopy(suffix, 0, key, DEPLOYMENTS.length, suffix.length);
        return key;
    }
}
