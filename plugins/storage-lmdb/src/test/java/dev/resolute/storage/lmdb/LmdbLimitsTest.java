package dev.resolute.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.spi.storage.Storage;
import dev.resolute.spi.storage.StorageException;
import dev.resolute.spi.storage.WriteBatch;
import dev.resolute.tck.storage.OpenStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LMDB's limits: the map grows by itself up to {@code max-map-size} and past that fails with
 * STORE_FULL naming the key; the reader table fails with TOO_MANY_READERS naming its key.
 */
class LmdbLimitsTest {

    private static final byte[] MIB = new byte[1 << 20];

    @Test
    void growsTheMapUpToTheMaximumAlsoAfterReopening(@TempDir Path dir) {
        Map<String, String> small = Map.of("map-size", "1 MiB", "max-map-size", "64 MiB");
        try (OpenStore store = open(dir, small)) {
            store.storage().snapshot().close(); // leaves an idle (reset) read transaction in the pool while the map grows
            writeMiBs(store.storage(), 0, 10); // ten times the initial map
            try (Snapshot snap = store.storage().snapshot()) { // renews that transaction on the grown map
                assertArrayEquals(MIB, snap.get(store.storage().keyspace("big"), key(9)).orElseThrow());
            }
        }
        try (OpenStore store = open(dir, small)) { // LMDB reopens at the file's size: full again
            writeMiBs(store.storage(), 10, 10);
            try (Snapshot snap = store.storage().snapshot()) {
                Keyspace ks = store.storage().keyspace("big");
                for (int i = 0; i < 20; i++) {
                    assertArrayEquals(MIB, snap.get(ks, key(i)).orElseThrow(), "value " + i);
                }
            }
        }
    }

    @Test
    void failsAsStoreFullNamingTheKeyAndStaysUsable(@TempDir Path dir) {
        try (OpenStore store = open(dir, Map.of("map-size", "1 MiB", "max-map-size", "4 MiB"))) {
            Storage s = store.storage();
            writeMiBs(s, 0, 2);
            StorageException e = assertThrows(StorageException.class, () -> writeMiBs(s, 2, 3));
            assertEquals(StorageException.Kind.STORE_FULL, e.kind());
            assertTrue(e.getMessage().contains("storage.lmdb.max-map-size"), e.getMessage());
            Keyspace ks = s.keyspace("big");
            s.commit(new WriteBatch().put(ks, "small".getBytes(StandardCharsets.UTF_8), new byte[10]));
            try (Snapshot snap = s.snapshot()) {
                assertArrayEquals(MIB, snap.get(ks, key(1)).orElseThrow());
                assertTrue(snap.get(ks, key(2)).isEmpty(), "the failed batch left nothing behind");
            }
        }
    }

    @Test
    void tooManySnapshotsFailNamingTheKey(@TempDir Path dir) {
        try (OpenStore store = open(dir, Map.of("max-readers", "3"))) {
            Storage s = store.storage();
            List<Snapshot> open = new ArrayList<>();
            try {
                StorageException e = assertThrows(StorageException.class, () -> {
                    for (int i = 0; i < 4; i++) {
                        open.add(s.snapshot());
                    }
                });
                assertEquals(StorageException.Kind.TOO_MANY_READERS, e.kind());
                assertTrue(e.getMessage().contains("storage.lmdb.max-readers"), e.getMessage());
                assertEquals(3, open.size());
            } finally {
                open.forEach(Snapshot::close);
            }
            s.snapshot().close(); // slots are freed on close
        }
    }

    private static OpenStore open(Path dir, Map<String, String> config) {
        return OpenStore.open(new LmdbStorageFactory(), dir, config);
    }

    /** Commits {@code count} 1 MiB values from {@code first} on, in one batch. */
    private static void writeMiBs(Storage storage, int first, int count) {
        Keyspace ks = storage.keyspace("big");
        WriteBatch batch = new WriteBatch();
        for (int i = first; i < first + count; i++) {
            batch.put(ks, key(i), MIB);
        }
        storage.commit(batch);
    }

    private static byte[] key(int i) {
        return ("mib-" + i).getBytes(StandardCharsets.UTF_8);
    }
}
