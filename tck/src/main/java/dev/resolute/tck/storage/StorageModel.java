package dev.resolute.tck.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A real store next to a {@code TreeMap} per keyspace that says what the store must contain. */
final class StorageModel implements AutoCloseable {

    static final List<String> KEYSPACES = List.of("a", "b");

    private final PluginFactory factory;
    private final Path dataDir;
    private final Map<String, NavigableMap<byte[], byte[]>> model = new HashMap<>();
    private final Map<String, Keyspace> handles = new HashMap<>();
    private OpenStore store;

    StorageModel(PluginFactory factory, Path dataDir) {
        this.factory = factory;
        this.dataDir = dataDir;
        KEYSPACES.forEach(ks -> model.put(ks, new TreeMap<>(Keys::compare)));
        open();
    }

    void commit(List<ModelOp> ops) {
        WriteBatch batch = new WriteBatch();
        ops.forEach(op -> op.addTo(batch, handles));
        store.storage().commit(batch);
        ops.forEach(op -> op.applyTo(model));
    }

    void checkGet(String keyspace, byte[] key) {
        try (Snapshot s = store.storage().snapshot()) {
            byte[] expected = model.get(keyspace).get(key);
            String actual = s.get(handles.get(keyspace), key).map(v -> Hex.entry(key, v)).orElse("absent");
            assertEquals(expected == null ? "absent" : Hex.entry(key, expected), actual, "get(" + keyspace + ", " + Hex.of(key) + ")");
        }
    }

    void checkScan(String keyspace, KeyRange range, boolean reverse) {
        try (Snapshot s = store.storage().snapshot()) {
            checkScan(s, model, keyspace, range, reverse);
        }
    }

    /** Takes a snapshot, commits {@code ops}, and checks the snapshot still shows the state before them. */
    void snapshotThenWrite(List<ModelOp> ops) {
        Map<String, NavigableMap<byte[], byte[]>> before = new HashMap<>();
        model.forEach((ks, map) -> before.put(ks, new TreeMap<>(map)));
        try (Snapshot s = store.storage().snapshot()) {
            commit(ops);
            for (String ks : KEYSPACES) {
                checkScan(s, before, ks, KeyRange.all(), false);
            }
        }
    }

    /** Closes the store and opens it again from disk. */
    void reopen() {
        store.close();
        open();
    }

    /** The invariant: every keyspace holds exactly the model's entries, forwards and backwards. */
    void checkEverything() {
        try (Snapshot s = store.storage().snapshot()) {
            for (String ks : KEYSPACES) {
                checkScan(s, model, ks, KeyRange.all(), false);
                checkScan(s, model, ks, KeyRange.all(), true);
            }
        }
    }

    @Override
    public void close() {
        store.close();
    }

    /** The model's content, for jqwik's report of the final state. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("model");
        model.forEach((ks, map) -> {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(Hex.entry(k, v)));
            s.append(' ').append(ks).append('=').append(entries);
        });
        return s.toString();
    }

    private void open() {
        store = OpenStore.open(factory, dataDir, Map.of());
        KEYSPACES.forEach(ks -> handles.put(ks, store.storage().keyspace(ks)));
    }

    private void checkScan(Snapshot s, Map<String, NavigableMap<byte[], byte[]>> state, String keyspace, KeyRange range, boolean reverse) {
        List<String> expected = new ArrayList<>();
        NavigableMap<byte[], byte[]> map = state.get(keyspace);
        if (!range.isEmpty()) {
            NavigableMap<byte[], byte[]> slice = range.hasEnd() ? map.subMap(range.start(), true, range.end(), false) : map.tailMap(range.start(), true);
            (reverse ? slice.descendingMap() : slice).forEach((k, v) -> expected.add(Hex.entry(k, v)));
        }
        Keyspace handle = handles.get(keyspace);
        List<String> actual = Hex.drain(reverse ? s.scanReverse(handle, range) : s.scan(handle, range));
        assertEquals(expected, actual, (reverse ? "scanReverse(" : "scan(") + keyspace + ", " + range + ")");
    }
}
