package dev.resolute.schema;

import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.schema.SchemaException;
import dev.resolute.spi.schema.ServiceChange;
import dev.resolute.spi.storage.Storage;
import dev.resolute.spi.storage.StorageException;
import dev.resolute.spi.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The registry's durable copy: keyspace {@code schema}, one key per deployment ({@code d/<dp id>}) whose
 * value is {@link SchemaCodec}'s JSON, and one per modified service ({@code s/<service name>}, the merged
 * {@link ServiceChange}; a store without them, as earlier releases wrote, loads unchanged). A registration,
 * removal or service change is one single-key batch, so the store never holds half a change.
 */
final class SchemaStore {
    static final String KEYSPACE = "schema";
    private static final byte[] DEPLOYMENTS = "d/".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SERVICE_CHANGES = "s/".getBytes(StandardCharsets.UTF_8);

    private final Storage storage;
    private final Keyspace keyspace;

    SchemaStore(Storage storage) {
        this.storage = storage;
        this.keyspace = storage.keyspace(KEYSPACE);
    }

    /** Every stored deployment. @throws IllegalStateException naming the key of an entry that cannot be read */
    List<Deployment> load() {
        List<Deployment> deployments = new ArrayList<>();
        scan(DEPLOYMENTS, entry -> deployments.add(SchemaCodec.decode(entry.value())));
        return deployments;
    }

    /** Every stored service change, by service name. @throws IllegalStateException as {@link #load()} */
    Map<String, ServiceChange> loadChanges() {
        Map<String, ServiceChange> changes = new TreeMap<>();
        scan(SERVICE_CHANGES, entry -> changes.put(new String(entry.key(), SERVICE_CHANGES.length,
                entry.key().length - SERVICE_CHANGES.length, StandardCharsets.UTF_8), SchemaCodec.decodeChange(entry.value())));
        return changes;
    }

    /** Stores the merged change of a service; durable when this returns. */
    void putChange(String service, ServiceChange change) {
        commit(new WriteBatch().put(keyspace, key(SERVICE_CHANGES, service), SchemaCodec.encodeChange(change)));
    }

    private void scan(byte[] prefix, Consumer<KeyValue> read) {
        try (Snapshot snapshot = storage.snapshot(); KeyValueIterator entries = snapshot.scan(keyspace, KeyRange.prefix(prefix))) {
            while (entries.hasNext()) {
                KeyValue entry = entries.next();
                try {
                    read.accept(entry);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the schema registry entry " + new String(entry.key(), StandardCharsets.UTF_8)
                            + " in keyspace \"" + KEYSPACE + "\" cannot be read (" + e.getMessage() + "); the store was written by"
                            + " another release or is damaged", e);
                }
            }
        }
    }

    /**
     * Stores (or replaces) a deployment and, in the same batch, drops the changes of the services it serves:
     * their new revisions take the manifest's settings. Durable when this returns.
     */
    void put(Deployment deployment) {
        WriteBatch batch = new WriteBatch().put(keyspace, key(DEPLOYMENTS, deployment.id()), SchemaCodec.encode(deployment));
        deployment.services().forEach(s -> batch.delete(keyspace, key(SERVICE_CHANGES, s.name())));
        commit(batch);
    }

    /** Removes a deployment; durable when this returns. */
    void delete(String id) {
        commit(new WriteBatch().delete(keyspace, key(DEPLOYMENTS, id)));
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

    private static byte[] key(byte[] prefix, String name) {
        byte[] suffix = name.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[prefix.length + suffix.length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(suffix, 0, key, prefix.length, suffix.length);
        return key;
    }
}
