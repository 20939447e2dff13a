package dev.resolute.worker.engine;

import dev.resolute.spi.storage.Keyspace;
import dev.resolute.spi.storage.Storage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The engine's tables and their key encodings. Keys of partitioned tables start with the
 * partition key (or the partition index), so each partition is a contiguous range.
 *
 * <pre>
 * status         invocation id (24)                          → InvocationStatus
 * journal        invocation id (24) · index u32              → JournalEntry
 * notifications  invocation id (24) · kind u8 · id           → journal index u32
 * state          partition key u64 · service · key · bytes   → value
 * locks          partition key u64 · service · key           → invocation id
 * inbox          partition key u64 · service · key · seq u64 → invocation id
 * timers         partition u16 · wake ms u64 · id (24) · kind u8 · discriminator u64 → Timer
 * outbox         partition u16 · seq u64                     → target partition u16 · OutboxMessage
 * meta           partition u16 · name                        → u64 counter
 * </pre>
 * Strings inside keys are written as u32 length · UTF-8 bytes, so one never runs into the next.
 */
final class Tables {
    static final byte COMPLETION = 1;
    static final byte SIGNAL = 2;
    static final byte NAMED_SIGNAL = 3;
    /** The meta entry holding the index of the last command log entry applied to the partition. */
    static final String APPLIED_INDEX = "applied";

    final Keyspace status;
    final Keyspace journal;
    final Keyspace notifications;
    final Keyspace state;
    final Keyspace locks;
    final Keyspace inbox;
    final Keyspace timers;
    final Keyspace outbox;
    final Keyspace meta;

    Tables(Storage storage) {
        status = storage.keyspace("status");
        journal = storage.keyspace("journal");
        notifications = storage.keyspace("notifications");
        state = storage.keyspace("state");
        locks = storage.keyspace("locks");
        inbox = storage.keyspace("inbox");
        timers = storage.keyspace("timers");
        outbox = storage.keyspace("outbox");
        meta = storage.keyspace("meta");
    }

    static byte[] journalKey(byte[] id, int index) {
        return ByteBuffer.allocate(id.length + 4).put(id).putInt(index).array();
    }

    static byte[] notificationKey(byte[] id, byte kind, int n) {
        return ByteBuffer.allocate(id.length + 5).put(id).put(kind).putInt(n).array();
    }

    static byte[] notificationKey(byte[] id, String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(id.length + 1 + utf8.length).put(id).put(NAMED_SIGNAL).put(utf8).array();
    }

    /** The prefix shared by all state of one object or workflow. */
    static byte[] objectPrefix(long partitionKey, String service, String key) {
        byte[] s = service.getBytes(StandardCharsets.UTF_8);
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + 4 + s.length + 4 + k.length)
                .putLong(partitionKey).putInt(s.length).put(s).putInt(k.length).put(k).array();
    }

    static byte[] append(byte[] prefix, byte[] tail) {
        return ByteBuffer.allocate(prefix.length + tail.length).put(prefix).put(tail).array();
    }

    static byte[] append(byte[] prefix, long tail) {
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(tail).array();
    }

    /** Timer kinds in keys, so a sleep and a retry of one invocation due at the same millisecond stay two timers. */
    static final byte SLEEP_TIMER = 1;
    static final byte RETRY_TIMER = 2;
    static final byte START_TIMER = 3;

    static byte[] timerKey(int partition, long wakeMillis, byte[] id, byte kind, long discriminator) {
        return ByteBuffer.allocate(2 + 8 + id.length + 1 + 8).putShort((short) partition).putLong(wakeMillis).put(id).put(kind)
                .putLong(discriminator).array();
    }

    static long timerWake(byte[] key) {
        return ByteBuffer.wrap(key, 2, 8).getLong();
    }

    static byte[] partitionPrefix(int partition) {
        return ByteBuffer.allocate(2).putShort((short) partition).array();
    }

    static byte[] outboxKey(int partition, long seq) {
        return ByteBuffer.allocate(10).putShort((short) partition).putLong(seq).array();
    }

    static byte[] metaKey(int partition, String name) {
        return append(partitionPrefix(partition), name.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] u64(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    static long u64(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    static int u32(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getInt();
    }
}
