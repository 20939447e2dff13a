package dev.resolute.worker.browse;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.RowScan;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.spi.query.TableColumn;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.CountingStorage;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.introspection.EngineIntrospection;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;
import dev.resolute.worker.tables.Tx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A real (LMDB) store in its own temp dir with journals and state written straight into the engine's tables. */
final class BrowseStore implements AutoCloseable {
    private final Path dir;
    private final OpenStore store;
    final CountingStorage storage;
    final Tables tables;
    final DetailReads reads;

    BrowseStore() throws Exception {
        dir = Files.createTempDirectory("browse");
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        storage = new CountingStorage(store.storage());
        tables = new Tables(storage);
        reads = new DetailReads(storage);
    }

    /** Appends {@code messages} to the invocation's journal from index {@code from} on, in one commit. */
    void journal(byte[] id, int from, List<? extends Message> messages) {
        write(tx -> {
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                tables.journal().put(tx, id, from + i, JournalEntry.newBuilder().setType(MessageType.of(m).id())
                        .setPayload(m.toByteString()).setAppendedAt(1_700_000_000_000L + from + i).build());
            }
        });
    }

    void state(String service, String key, String stateKey, byte[] value) {
        write(tx -> tables.state().put(tx, new ObjectKey(PartitionKeys.of(key), service, key), stateKey.getBytes(StandardCharsets.UTF_8), value));
    }

    void write(java.util.function.Consumer<Tx> writes) {
        Tx tx;
        try (Snapshot snapshot = storage.snapshot()) {
            tx = new Tx(snapshot);
            writes.accept(tx);
        }
        storage.commit(tx.batch());
    }

    /** The rows of {@code sys_journal} for the invocation, as column name → value (nulls left out). */
    List<Map<String, Object>> sysJournal(String invocationId) {
        IntrospectedTable table = new EngineIntrospection(storage, id -> false, deployment -> Optional.empty()).tables().stream()
                .filter(t -> t.name().equals("sys_journal")).findFirst().orElseThrow();
        List<Map<String, Object>> out = new ArrayList<>();
        try (RowScan scan = table.scan(ScanFilter.ALL)) {
            while (scan.hasNext()) {
                Map<String, Object> row = named(table.columns(), scan.next());
                if (invocationId.equals(row.get("id"))) {
                    out.add(row);
                }
            }
        }
        return out;
    }

    static Map<String, Object> named(List<TableColumn> columns, Object[] values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                row.put(columns.get(i).name(), values[i]);
            }
        }
        return row;
    }

    static ByteString utf8(String text) {
        return ByteString.copyFromUtf8(text);
    }

    Storage storage() {
        return storage;
    }

    @Override
    public void close() throws Exception {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
