package dev.resolute.spi.storage;

/**
 * The node's durable ordered key-value store, published by the selected storage plugin
 * ({@code storage.engine}) as {@code context.provide(Storage.class, ...)} from its
 * {@link dev.resolute.spi.Component#start()}.
 *
 * <p>The store is deliberately thin: named {@linkplain Keyspace keyspaces} of byte-array keys ordered
 * as unsigned lexicographic bytes ({@link Keys#compare}), atomic durable {@linkplain #commit write
 * batches} and consistent {@linkplain #snapshot() snapshots}. Tables, key encodings and
 * read-your-own-writes inside a batch being built belong to the engine on top.
 *
 * <p>Implementors must:
 * <ul>
 *   <li>make {@link #commit} atomic (a batch is either wholly visible to later snapshots or not at
 *       all, also after a crash) and, in the default sync mode, durable when it returns;</li>
 *   <li>share one sync among concurrent committers (group commit, see {@link GroupCommit}) rather
 *       than serialising a sync per batch;</li>
 *   <li>be safe for concurrent use by any number of threads;</li>
 *   <li>report every failure the engine must handle as a {@link StorageException} with the matching
 *       {@link StorageException.Kind} and a message that tells the operator what to do;</li>
 *   <li>keep their files under {@code <data-dir>/<engine>/} and guard the data dir with
 *       {@link StorageDirectory}.</li>
 * </ul>
 * Implementors must not expose engine types (LMDB, RocksDB) through this interface, and must not
 * retain the arrays handed to them or handed out by them.
 *
 * <p>Callers must not close the store: the plugin that provides it closes it when the kernel stops
 * it, after the plugins that require it have stopped.
 */
public interface Storage {

    /** The engine's id as users select it with {@code storage.engine}: {@code "lmdb"} or {@code "rocksdb"}. */
    String engine();

    /**
     * Opens the keyspace {@code name}, creating it (durably, empty) if it does not exist. Idempotent:
     * the same name returns the same handle instance, so handles may be compared with {@code ==} and
     * used as map keys. Engines call this for each of their tables while they start.
     *
     * @param name 1-64 characters of {@code [a-z0-9_-]}, starting with a letter or digit
     * @throws IllegalArgumentException if the name is not valid ({@link Keys#checkKeyspaceName}), or it would
     *                                  be keyspace number {@link Keys#MAX_KEYSPACES} + 1
     * @throws StorageException         if the keyspace cannot be created
     */
    Keyspace keyspace(String name);

    /**
     * Applies {@code batch} atomically. With the default sync mode it returns only once the batch is
     * on stable storage; with periodic sync (an operator's choice) once it survives a crash of this
     * process, but a machine crash may lose the commits of the last sync interval. Concurrent callers
     * share syncs. The batch is not retained and may be reused or discarded afterwards. An empty
     * batch returns at once.
     *
     * @throws StorageException if nothing of the batch was applied; the store stays usable unless
     *                          the kind says otherwise ({@link StorageException.Kind#CORRUPTION},
     *                          {@link StorageException.Kind#CLOSED})
     */
    void commit(WriteBatch batch);

    /**
     * Opens a consistent read view of everything committed before this call, across all keyspaces.
     * The caller must close it, and should keep it short: an open snapshot pins old versions. Close it
     * before calling {@link #commit}: a commit that needs LMDB's map to grow waits for every open
     * snapshot to close (and fails with {@link StorageException.Kind#STORE_FULL} after 10 s).
     */
    Snapshot snapshot();

    /** Approximate sizes per keyspace and commit counters, for introspection and benchmarks. */
    StorageStats stats();
}
