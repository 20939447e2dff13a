package dev.resolute.tck.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import dev.resolute.spi.storage.Keys;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.KeyspaceStats;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.spi.storage.StorageDirectory;
import dev.resolute.spi.storage.StorageException;
import dev.resolute.spi.storage.StorageException.Kind;
import dev.resolute.spi.storage.StorageStats;
import dev.resolute.spi.storage.WriteBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.ActionChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage conformance suite. A storage plugin runs it through a subclass that only names its
 * factory; the suite starts the plugin the way the kernel does ({@code create}, {@code start}, take
 * the provided {@link Storage}) on a node data dir of its own, with the plugin's default config.
 */
public abstract class StorageTck {

    /** Every storage plugin has these two keys: the durability-for-speed switch the storage issue asks of each engine. */
    private static final Map<String, String> PERIODIC = Map.of("sync-mode", "periodic", "sync-interval", "50ms");

    private final List<StorageModel> models = new ArrayList<>();
    private final List<Path> modelDirs = new ArrayList<>();

    /** The plugin under test. */
    protected abstract PluginFactory factory();

    protected final OpenStore open(Path dataDir) {
        return open(dataDir, Map.of());
    }

    protected final OpenStore open(Path dataDir, Map<String, String> config) {
        return OpenStore.open(factory(), dataDir, config);
    }

    // ---- the plugin ----

    @Test
    void isAStoragePluginTheKernelCanFind(@TempDir Path dir) {
        PluginFactory factory = factory();
        assertTrue(ServiceLoader.load(PluginFactory.class).stream().anyMatch(p -> p.type() == factory.getClass()),
                factory.getClass() + " is not listed in META-INF/services/" + PluginFactory.class.getName());
        assertEquals(PluginKind.STORAGE, factory.kind());
        assertTrue(factory.provides().contains(Storage.class));
        try (OpenStore store = open(dir)) {
            String engine = store.storage().engine();
            assertEquals("storage-" + engine, factory.id());
            assertEquals("storage." + engine, factory.configSection());
            assertTrue(Files.isDirectory(dir.resolve(engine)), "data lives in <data-dir>/" + engine);
        }
    }

    // ---- reads and writes ----

    @Test
    void putGetOverwriteDeleteAndEmptyValues(@TempDir Path dir) {
        try (OpenStore store = open(dir)) {
            Storage s = store.storage();
            Keyspace ks = s.keyspace("kv");
            assertTrue(ks == s.keyspace("kv"), "keyspace() returns the same handle for the same name");
            s.commit(new WriteBatch().put(ks, bytes("k1"), bytes("v1")).put(ks, bytes("k2"), new byte[0]));
            s.commit(new WriteBatch().put(ks, bytes("k1"), bytes("v1b")).delete(ks, bytes("missing")));
            try (Snapshot snap = s.snapshot()) {
                assertArrayEquals(bytes("v1b"), snap.get(ks, bytes("k1")).orElseThrow());
                assertArrayEquals(new byte[0], snap.get(ks, bytes("k2")).orElseThrow(), "an empty value is a value");
                assertFalse(snap.get(ks, bytes("k3")).isPresent());
            }
            s.commit(new WriteBatch().delete(ks, bytes("k1")).put(ks, bytes("k3"), bytes("v3")).delete(ks, bytes("k3")));
            try (Snapshot snap = s.snapshot()) {
                assertFalse(snap.get(ks, bytes("k1")).isPresent());
                assertFalse(snap.get(ks, bytes("k3")).isPresent(), "a later operation in a batch wins");
            }
            s.commit(new WriteBatch()); // empty: nothing to do
        }
    }

    @Test
    void rejectsEmptyAndOverlongKeysAndForeignKeyspaces(@TempDir Path dir) {
        try (OpenStore store = open(dir.resolve("one")); OpenStore other = open(dir.resolve("two"))) {
            Storage s = store.storage();
            Keyspace ks = s.keyspace("kv");
            assertThrows(IllegalArgumentException.class, () -> new WriteBatch().put(ks, new byte[0], bytes("v")));
            assertThrows(IllegalArgumentException.class, () -> new WriteBatch().put(ks, new byte[Keys.MAX_SIZE + 1], bytes("v")));
            assertThrows(IllegalArgumentException.class, () -> s.keyspace("Not Valid"));
            byte[] longest = new byte[Keys.MAX_SIZE];
            Arrays.fill(longest, (byte) 0xFF);
            s.commit(new WriteBatch().put(ks, longest, bytes("max")));
            try (Snapshot snap = s.snapshot()) {
                assertArrayEquals(bytes("max"), snap.get(ks, longest).orElseThrow());
                assertThrows(IllegalArgumentException.class, () -> snap.get(ks, new byte[0]));
            }
            Keyspace foreign = other.storage().keyspace("kv");
            assertThrows(IllegalArgumentException.class, () -> s.commit(new WriteBatch().put(foreign, bytes("k"), bytes("v"))));
        }
    }

    @Test
    void ordersKeysAsUnsignedBytesForwardAndReverse(@TempDir Path dir) {
        List<byte[]> sorted = List.of(b(0x00), b(0x00, 0x00), b(0x01), b(0x7F), b(0x7F, 0xFF), b(0x80), b(0x80, 0x00), b(0xFE, 0xFF), b(0xFF),
                b(0xFF, 0x00), b(0xFF, 0xFF), b(0xFF, 0xFF, 0xFF));
        try (OpenStore store = open(dir)) {
            Storage s = store.storage();
            Keyspace ks = s.keyspace("order");
            WriteBatch batch = new WriteBatch();
            for (int i = sorted.size() - 1; i >= 0; i--) {
                batch.put(ks, sorted.get(i), new byte[] {(byte) i});
            }
            s.commit(batch);
            try (Snapshot snap = s.snapshot()) {
                assertEquals(render(sorted), keys(snap.scan(ks, KeyRange.all())));
                assertEquals(reversed(render(sorted)), keys(snap.scanReverse(ks, KeyRange.all())));
                assertEquals(render(sorted.subList(3, 7)), keys(snap.scan(ks, KeyRange.between(b(0x7F), b(0x80, 0x01)))));
                assertEquals(render(sorted.subList(3, 5)), keys(snap.scan(ks, KeyRange.prefix(b(0x7F)))));
                assertEquals(reversed(render(sorted.subList(3, 5))), keys(snap.scanReverse(ks, KeyRange.prefix(b(0x7F)))));
                assertEquals(render(sorted.subList(8, 12)), keys(snap.scan(ks, KeyRange.prefix(b(0xFF)))), "prefix ff has no end");
                assertEquals(reversed(render(sorted.subList(10, 12))), keys(snap.scanReverse(ks, KeyRange.prefix(b(0xFF, 0xFF)))));
                assertEquals(render(sorted.subList(5, 12)), keys(snap.scan(ks, KeyRange.atLeast(b(0x80)))));
                assertEquals(List.of(), keys(snap.scan(ks, KeyRange.between(b(0x80), b(0x7F)))), "an inverted range is empty");
            }
        }
    }

    @Test
    void storesValuesOf32MiB(@TempDir Path dir) {
        byte[] big = new byte[32 << 20];
        new Random(32).nextBytes(big);
        byte[] bigToo = new byte[(32 << 20) - 1];
        new Random(33).nextBytes(bigToo);
        try (OpenStore store = open(dir)) {
            Storage s = store.storage();
            Keyspace ks = s.keyspace("big");
            s.commit(new WriteBatch().put(ks, bytes("a"), big).put(ks, bytes("b"), bytes("small")));
            s.commit(new WriteBatch().put(ks, bytes("c"), bigToo));
        }
        try (OpenStore store = open(dir); Snapshot snap = store.storage().snapshot()) {
            Keyspace ks = store.storage().keyspace("big");
            assertTrue(Arrays.equals(big, snap.get(ks, bytes("a")).orElseThrow()), "32 MiB value read back after reopen");
            assertTrue(Arrays.equals(bigToo, snap.get(ks, bytes("c")).orElseThrow()));
            assertEquals(List.of("61", "62", "63"), keys(snap.scan(ks, KeyRange.all())));
            store.storage().commit(new WriteBatch().put(ks, bytes("a"), bytes("now small")).delete(ks, bytes("c")));
        }
    }

    @Test
    void handlesAMillionSmallKeys(@TempDir Path dir) {
        int n = 1_000_000;
        try (OpenStore store = open(dir)) {
            Storage s = store.storage();
            Keyspace ks = s.keyspace("million");
            for (int from = 0; from < n; from += 100_000) {
                WriteBatch batch = new WriteBatch();
                for (int i = from; i < from + 100_000; i++) {
                    batch.put(ks, counter(i), counter(~i));
                }
                s.commit(batch);
            }
            try (Snapshot snap = s.snapshot()) {
                assertEquals(n, countAndCheckOrder(snap.scan(ks, KeyRange.all()), 0, 1));
                assertEquals(n, countAndCheckOrder(snap.scanReverse(ks, KeyRange.all()), n - 1, -1));
                assertEquals(256, countAndCheckOrder(snap.scan(ks, KeyRange.prefix(new byte[] {0, 0x0A, 0x42})), 0x0A4200, 1));
                assertArrayEquals(counter(~777_777), snap.get(ks, counter(777_777)).orElseThrow());
            }
            s.commit(new WriteBatch().deleteRange(ks, KeyRange.between(counter(0), counter(n / 2))));
            try (Snapshot snap = s.snapshot()) {
                assertEquals(n / 2, countAndCheckOrder(snap.scan(ks, KeyRange.all()), n / 2, 1));
            }
            long entries = s.stats().keyspaces().stream().filter(k -> k.name().equals("million")).findFirst().orElseThrow().entries();
            assertTrue(entries > 0 && entries <= 2L * n, "approximate entries " + entries);
        }
    }

    // ---- snapshots and concurrency ----

    @Test
    void snapshotsSeeTheirPointInTimeAcrossKeyspaces(@TempDir Path dir) {
        try (OpenStore store = open(dir)) {
            Storage s = store.storage();
            Keyspace a = s.keyspace("a");
            Keyspace b = s.keyspace("b");
            s.commit(new WriteBatch().put(a, bytes("k"), bytes("1")).put(b, bytes("k"), bytes("1")));
            try (Snapshot before = s.snapshot()) {
                s.commit(new WriteBatch().put(a, bytes("k"), bytes("2")).deleteRange(b, KeyRange.all()));
                Keyspace late = s.keyspace("late");
                s.commit(new WriteBatch().put(late, bytes("k"), bytes("x")));
                assertArrayEquals(bytes("1"), before.get(a, bytes("k")).orElseThrow());
                assertArrayEquals(bytes("1"), before.get(b, bytes("k")).orElseThrow());
                assertFalse(before.get(late, bytes("k")).isPresent(), "a keyspace created later reads as empty");
                assertEquals(List.of(), keys(before.scan(late, KeyRange.all())));
                try (Snapshot after = s.snapshot()) {
                    assertArrayEquals(bytes("2"), after.get(a, bytes("k")).orElseThrow());
                    assertFalse(after.get(b, bytes("k")).isPresent());
                    assertArrayEquals(bytes("x"), after.get(late, bytes("k")).orElseThrow());
                }
            }
        }
    }

    @Test
    @Timeout(120)
    void concurrentReadersSeeOnlyWholeBatches(@TempDir Path dir) throws Exception {
        try (OpenStore store = open(dir)) {
            Concurrency.readersSeeWholeBatches(store.storage(), 400, 3);
        }
    }

    @Test
    @Timeout(120)
    void concurrentCommitsShareSyncs(@TempDir Path dir) throws Exception {
        try (OpenStore store = open(dir)) {
            Storage s = store.storage();
            StorageStats before = s.stats();
            Concurrency.commitFromManyThreads(s, 16, 40);
            StorageStats after = s.stats();
            long commits = after.commits() - before.commits();
            long syncs = after.syncs() - before.syncs();
            assertEquals(16 * 40, commits);
            assertTrue(syncs > 0 && syncs < commits, "16 concurrent committers should share syncs: " + commits + " commits, " + syncs + " syncs");
        }
    }

    @Test
    void reportsApproximateSizes(@TempDir Path dir) {
        try (OpenStore store = open(dir)) {
            Storage s = store.storage();
            Keyspace full = s.keyspace("full");
            s.keyspace("empty");
            WriteBatch batch = new WriteBatch();
            Random random = new Random(100);
            for (int i = 0; i < 10_000; i++) {
                byte[] value = new byte[100];
                random.nextBytes(value); // incompressible, so sizes do not depend on compression
                batch.put(full, counter(i), value);
            }
            s.commit(batch);
            Map<String, KeyspaceStats> stats = new HashMap<>();
            s.stats().keyspaces().forEach(k -> stats.put(k.name(), k));
            assertEquals(s.engine(), s.stats().engine());
            KeyspaceStats f = stats.get("full");
            assertTrue(f.entries() >= 5_000 && f.entries() <= 20_000, "entries " + f.entries());
            assertTrue(f.bytes() >= 200_000 && f.bytes() <= 10_000_000, "bytes " + f.bytes());
            assertEquals(0, stats.get("empty").entries());
        }
    }

    // ---- failures ----

    @Test
    void closedStoresAndSnapshotsFailAsClosed(@TempDir Path dir) {
        OpenStore store = open(dir);
        Storage s = store.storage();
        Keyspace ks = s.keyspace("kv");
        Snapshot snap = s.snapshot();
        KeyValueIterator open = snap.scan(ks, KeyRange.all());
        snap.close();
        assertEquals(Kind.CLOSED, assertThrows(StorageException.class, () -> snap.get(ks, bytes("k"))).kind());
        assertFalse(open.hasNext(), "closing a snapshot ends its iterators");
        Snapshot leftOpen = s.snapshot();
        store.close();
        assertEquals(Kind.CLOSED, assertThrows(StorageException.class, () -> s.commit(new WriteBatch().put(ks, bytes("k"), bytes("v")))).kind());
        assertEquals(Kind.CLOSED, assertThrows(StorageException.class, s::snapshot).kind());
        assertEquals(Kind.CLOSED, assertThrows(StorageException.class, () -> leftOpen.get(ks, bytes("k"))).kind(),
                "closing the store closes its snapshots");
    }

    @Test
    void aSecondOpenInThisProcessIsLocked(@TempDir Path dir) {
        OpenStore first = open(dir);
        try {
            StorageException e = assertThrows(StorageException.class, () -> open(dir));
            assertEquals(Kind.LOCKED, e.kind(), e.toString());
        } finally {
            first.close();
        }
        open(dir).close(); // the failed open left nothing locked
    }

    @Test
    @Timeout(120)
    void anOpenByAnotherProcessIsLocked(@TempDir Path dir) throws Exception {
        Path node = dir.resolve("node");
        try (ChildJvm child = ChildJvm.start(dir.resolve("child.err"), List.of("hold", factory().getClass().getName(), node.toString()), line -> {
        })) {
            child.awaitReady(60_000);
            StorageException e = assertThrows(StorageException.class, () -> open(node));
            assertEquals(Kind.LOCKED, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("another process"), e.getMessage());
        }
    }

    @Test
    void dataOfAnotherEngineIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(StorageDirectory.MARKER), "some-other-engine\n");
        StorageException e = assertThrows(StorageException.class, () -> open(dir));
        assertEquals(Kind.WRONG_ENGINE, e.kind(), e.toString());
        assertTrue(e.getMessage().contains("storage.engine = \"some-other-engine\""), e.getMessage());
    }

    @Test
    void detectsCorruptFiles(@TempDir Path dir) throws IOException {
        String engine;
        try (OpenStore store = open(dir)) {
            engine = store.storage().engine();
            Keyspace ks = store.storage().keyspace("kv");
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < 1000; i++) {
                batch.put(ks, counter(i), new byte[200]);
            }
            store.storage().commit(batch);
        }
        Random garbage = new Random(7);
        try (Stream<Path> files = Files.walk(dir.resolve(engine))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = new byte[(int) Math.min(Files.size(file), 16 * 1024)];
                garbage.nextBytes(bytes);
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.wrap(bytes), 0);
                }
            }
        }
        StorageException e = assertThrows(StorageException.class, () -> {
            try (OpenStore store = open(dir); Snapshot snap = store.storage().snapshot()) {
                Hex.drain(snap.scan(store.storage().keyspace("kv"), KeyRange.all()));
            }
        });
        assertEquals(Kind.CORRUPTION, e.kind(), e.toString());
    }

    // ---- durability ----

    @Test
    @Timeout(300)
    void acknowledgedBatchesSurviveSigkill(@TempDir Path dir) throws Exception {
        crashRounds(dir, Map.of(), Integer.getInteger("resolute.tck.crash-rounds", 20));
    }

    /** Periodic sync trades a machine crash's last interval for speed, but a process crash must still lose nothing. */
    @Test
    @Timeout(300)
    void acknowledgedBatchesSurviveSigkillWithPeriodicSync(@TempDir Path dir) throws Exception {
        crashRounds(dir, PERIODIC, Integer.getInteger("resolute.tck.crash-rounds", 20) / 4);
    }

    @Test
    void periodicSyncModeSyncsOnATimer(@TempDir Path dir) throws InterruptedException {
        try (OpenStore store = open(dir, PERIODIC)) {
            Storage s = store.storage();
            Keyspace ks = s.keyspace("kv");
            for (int i = 0; i < 200; i++) {
                s.commit(new WriteBatch().put(ks, counter(i), bytes("v")));
            }
            long deadline = System.currentTimeMillis() + 5_000;
            while (s.stats().syncs() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            StorageStats stats = s.stats();
            assertEquals(200, stats.commits());
            assertTrue(stats.syncs() >= 1 && stats.syncs() < 100, "one writer, 200 commits: the timer, not each commit, syncs; syncs " + stats.syncs());
        }
        try (OpenStore store = open(dir, PERIODIC); Snapshot snap = store.storage().snapshot()) {
            assertEquals(200, keys(snap.scan(store.storage().keyspace("kv"), KeyRange.all())).size());
        }
    }

    // ---- the model ----

    @Property(tries = 60)
    void behavesLikeASortedMap(@ForAll("chains") ActionChain<StorageModel> chain) {
        chain.withInvariant("store equals model", StorageModel::checkEverything).run();
    }

    @Provide
    Arbitrary<ActionChain<StorageModel>> chains() {
        return ActionChain.<StorageModel>startWith(this::newModel)
                .withAction(6, ModelActions.put())
                .withAction(2, ModelActions.delete())
                .withAction(2, ModelActions.deleteRange())
                .withAction(3, ModelActions.batch())
                .withAction(2, ModelActions.get())
                .withAction(2, ModelActions.scan(false))
                .withAction(2, ModelActions.scan(true))
                .withAction(2, ModelActions.snapshotThenWrite())
                .withAction(1, ModelActions.reopen())
                .withMaxTransformations(30);
    }

    @AfterTry
    void closeModels() throws IOException {
        models.forEach(StorageModel::close);
        models.clear();
        for (Path dir : modelDirs) {
            deleteRecursively(dir);
        }
        modelDirs.clear();
    }

    private StorageModel newModel() {
        try {
            Path dir = Files.createTempDirectory("resolute-tck-model");
            modelDirs.add(dir);
            StorageModel model = new StorageModel(factory(), dir);
            models.add(model);
            return model;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers ----

    private void crashRounds(Path dir, Map<String, String> config, int rounds) throws Exception {
        long seed = Long.getLong("resolute.tck.crash-seed", System.nanoTime());
        CrashRounds.Summary summary = new CrashRounds(factory(), config, dir).run(rounds, seed);
        assertTrue(summary.acknowledged() > 0, "the child acknowledged nothing in " + rounds + " rounds; the test proved nothing");
        System.out.println(factory().id() + " " + config + " crash rounds: " + summary + ", seed " + seed);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] counter(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private static byte[] b(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static List<String> render(List<byte[]> keys) {
        return keys.stream().map(Hex::of).toList();
    }

    private static List<String> reversed(List<String> list) {
        List<String> out = new ArrayList<>(list);
        Collections.reverse(out);
        return out;
    }

    private static List<String> keys(KeyValueIterator it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(Hex.of(kv.key())));
        }
        return out;
    }

    /** Counts entries, checking that the 4-byte counter keys step by {@code step} from {@code first}. */
    private static int countAndCheckOrder(KeyValueIterator it, int first, int step) {
        int count = 0;
        int expected = first;
        try (it) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                int key = ByteBuffer.wrap(kv.key()).getInt();
                if (key != expected) {
                    throw new AssertionError("entry " + count + ": expected key " + expected + " but got " + key);
                }
                expected += step;
                count++;
            }
        }
        return count;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
