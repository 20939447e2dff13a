package dev.resolute.worker.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.WriteBatch;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@link Tx} against a sorted map: over committed data, any sequence of puts, deletes, marks and rollbacks reads the
 * same through get, scan and first as the model, and commits to exactly the model.
 */
class TxProperties {
    private static Path dir;
    private static OpenStore store;
    private static Keyspace keyspace;

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("tx-prop");
        store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of());
        keyspace = store.storage().keyspace("tx");
    }

    @AfterContainer
    static void close() throws Exception {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Property(tries = 300)
    void readsTheModelAndCommitsIt(@ForAll @Size(max = 12) List<@IntRange(max = 15) Integer> committed,
                                   @ForAll @Size(max = 60) List<@IntRange(max = 9999) Integer> ops) {
        TreeMap<byte[], byte[]> model = new TreeMap<>(Keys::compare);
        WriteBatch base = new WriteBatch().deleteRange(keyspace, KeyRange.all());
        for (int k : committed) {
            base.put(keyspace, key(k), value(k));
            model.put(key(k), value(k));
        }
        store.storage().commit(base);

        Tx tx;
        try (Snapshot snapshot = store.storage().snapshot()) {
            tx = new Tx(snapshot);
            Deque<Map.Entry<Tx.Mark, TreeMap<byte[], byte[]>>> marks = new ArrayDeque<>();
            for (int op : ops) {
                byte[] key = key(op / 5 % 16);
                switch (op % 5) {
                    case 0 -> {
                        tx.put(keyspace, key, value(op));
                        model.put(key, value(op));
                    }
                    case 1 -> {
                        tx.delete(keyspace, key);
                        model.remove(key);
                    }
                    case 2 -> marks.push(Map.entry(tx.mark(), new TreeMap<>(model)));
                    case 3 -> {
                        if (!marks.isEmpty()) {
                            Map.Entry<Tx.Mark, TreeMap<byte[], byte[]>> mark = marks.pop();
                            tx.rollback(mark.getKey());
                            model.clear();
                            model.putAll(mark.getValue());
                        }
                    }
                    default -> check(tx, model, op / 5 % 4);
                }
            }
            for (int a = 0; a < 4; a++) {
                check(tx, model, a);
            }
            assertThat(hex(tx.scan(keyspace, KeyRange.all()))).isEqualTo(hex(model));
        }
        store.storage().commit(tx.batch());
        try (Snapshot snapshot = store.storage().snapshot()) {
            assertThat(hex(Reads.of(snapshot).scan(keyspace, KeyRange.all()))).as("what the batch commits").isEqualTo(hex(model));
        }
    }

    /** Compares get of every key, and scan and first of the keys starting with byte {@code a}. */
    private static void check(Tx tx, TreeMap<byte[], byte[]> model, int a) {
        for (int k = 0; k < 16; k++) {
            assertThat(tx.get(keyspace, key(k)).map(HexFormat.of()::formatHex)).isEqualTo(java.util.Optional.ofNullable(model.get(key(k))).map(HexFormat.of()::formatHex));
        }
        KeyRange range = KeyRange.prefix(new byte[] {(byte) a});
        TreeMap<byte[], byte[]> expected = new TreeMap<>(Keys::compare);
        model.forEach((k, v) -> {
            if (range.contains(k)) {
                expected.put(k, v);
            }
        });
        assertThat(hex(tx.scan(keyspace, range))).isEqualTo(hex(expected));
        assertThat(tx.first(keyspace, range).map(kv -> HexFormat.of().formatHex(kv.key())))
                .isEqualTo(expected.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(HexFormat.of().formatHex(expected.firstKey())));
    }

    /** Keys of two bytes, {@code k / 4} then {@code k % 4}, so prefixes of one byte hold four keys. */
    private static byte[] key(int k) {
        return new byte[] {(byte) (k / 4), (byte) (k % 4)};
    }

    private static byte[] value(int v) {
        return Integer.toString(v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, String> hex(List<KeyValue> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach(kv -> out.put(HexFormat.of().formatHex(kv.key()), HexFormat.of().formatHex(kv.value())));
        return out;
    }

    private static Map<String, String> hex(TreeMap<byte[], byte[]> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(HexFormat.of().formatHex(k), HexFormat.of().formatHex(v)));
        return out;
    }
}
