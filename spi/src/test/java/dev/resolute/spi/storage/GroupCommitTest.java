package dev.resolute.spi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine-neutral group commit, with a writer that records groups instead of an engine. */
class GroupCommitTest {

    private static final Keyspace KS = () -> "ks";
    private static final byte[] POISON = {0x66};

    /** Records each group; a group holding the poisoned key fails as a whole, like an aborted transaction. */
    private final List<List<WriteBatch>> groups = new CopyOnWriteArrayList<>();
    private final List<WriteBatch> applied = Collections.synchronizedList(new ArrayList<>());
    private final GroupCommit commit = new GroupCommit("test-writer", group -> {
        for (WriteBatch batch : group) {
            if (contains(batch, POISON)) {
                throw new StorageException(StorageException.Kind.TOO_LARGE, "poisoned");
            }
        }
        try {
            Thread.sleep(2); // a sync, during which the next group queues up
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        groups.add(group);
        applied.addAll(group);
    }, () -> new StorageException(StorageException.Kind.CLOSED, "closed"));

    @AfterEach
    void stop() throws InterruptedException {
        commit.stop();
    }

    @Test
    void concurrentCommittersShareGroupsAndOnlyTheFaultyBatchFails() throws Exception {
        int threads = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> committers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            byte[] key = t == 7 ? POISON : new byte[] {(byte) t};
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 20; i++) {
                        commit.commit(new WriteBatch().put(KS, key, new byte[] {(byte) i}));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            committers.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread t : committers) {
            t.join();
        }
        assertEquals(1, failures.size(), "only the poisoned committer fails: " + failures);
        StorageException e = (StorageException) failures.get(0);
        assertEquals(StorageException.Kind.TOO_LARGE, e.kind());
        assertEquals((threads - 1) * 20, applied.size());
        assertEquals((threads - 1) * 20, commit.commits());
        assertEquals(groups.size(), commit.groups());
        assertTrue(groups.stream().anyMatch(g -> g.size() > 1), "16 committers never shared a group");
    }

    @Test
    void commitsAfterStopFailAsClosed() throws Exception {
        commit.commit(new WriteBatch().put(KS, new byte[] {1}, new byte[0]));
        commit.stop();
        commit.stop();
        StorageException e = assertThrows(StorageException.class, () -> commit.commit(new WriteBatch().put(KS, new byte[] {2}, new byte[0])));
        assertEquals(StorageException.Kind.CLOSED, e.kind());
        assertEquals(1, applied.size());
    }

    private static boolean contains(WriteBatch batch, byte[] key) {
        boolean[] found = {false};
        batch.forEach(new WriteBatch.Visitor() {
            @Override
            public void put(Keyspace keyspace, byte[] k, byte[] value) {
                found[0] |= Arrays.equals(k, key);
            }

            @Override
            public void delete(Keyspace keyspace, byte[] k) {
            }

            @Override
            public void deleteRange(Keyspace keyspace, KeyRange range) {
            }
        });
        return found[0];
    }
}
