package dev.resolute.worker.ids;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * An invocation's id: the partition key (which partition owns it, so any id routes without a lookup) and a
 * 128-bit uuid, all three as unsigned bits in longs. As text it is {@code inv_1} + base62(partition key) +
 * base62(uuid), 38 characters, the form Restate's CLI and SDKs accept; as bytes (StartMessage.id) it is the
 * partition key then the uuid, big-endian, 24 bytes.
 */
public record InvocationId(long partitionKey, long uuidHigh, long uuidLow) {
    /** Length of {@link #toBytes()}. */
    public static final int BYTES = 24;

    private static final String PREFIX = "inv_1";
    private static final int LENGTH = PREFIX.length() + Base62.width(8) + Base62.width(16);
    private static final String WHAT = "invocation id";
    private static final byte SEPARATOR = 0x2C; // ',' between the parts of a deterministic id

    /** @throws IllegalArgumentException if the text is not an {@code inv_1} id; the message says why */
    public static InvocationId parse(String text) {
        IdText.check(text, WHAT, PREFIX, LENGTH);
        ByteBuffer bytes = ByteBuffer.allocate(BYTES)
                .put(IdText.base62(text, WHAT, PREFIX.length(), 8))
                .put(IdText.base62(text, WHAT, PREFIX.length() + Base62.width(8), 16))
                .flip();
        return new InvocationId(bytes.getLong(), bytes.getLong(), bytes.getLong());
    }

    /** @throws IllegalArgumentException unless there are exactly 24 bytes */
    public static InvocationId fromBytes(byte[] bytes) {
        if (Objects.requireNonNull(bytes, "bytes").length != BYTES) {
            throw new IllegalArgumentException("an invocation id has " + BYTES + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        return new InvocationId(in.getLong(), in.getLong(), in.getLong());
    }

    /** A new id whose uuid is a ULID: the time in its top 48 bits, then 80 random bits. */
    public static InvocationId random(long partitionKey, long epochMillis, RandomGenerator random) {
        long[] ulid = Ulid.generate(epochMillis, random);
        return new InvocationId(partitionKey, ulid[0], ulid[1]);
    }

    /**
     * The id of an idempotent request, the same for every request with the same target and idempotency key,
     * as Restate derives it: partition key from the object key if the target has one, else from the idempotency
     * key; uuid = first 16 bytes of SHA-256 over {@code "ik"}, service, [key,] handler and idempotency key,
     * separated by commas. Scoped (V7) targets are not covered.
     */
    public static InvocationId forIdempotentRequest(String service, Optional<String> key, String handler, String idempotencyKey) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        MessageDigest digest = sha256("ik");
        update(digest, service);
        key.ifPresent(k -> update(digest, k));
        update(digest, handler);
        update(digest, idempotencyKey);
        return withUuid(PartitionKeys.of(key.orElse(idempotencyKey)), digest);
    }

    /**
     * The id of a workflow's run, the same for every submission with the same workflow id: partition key from
     * the workflow id; uuid = first 16 bytes of SHA-256 over {@code "wf"}, workflow name and workflow id,
     * separated by commas. Scoped (V7) targets are not covered.
     */
    public static InvocationId forWorkflowRun(String workflow, String workflowId) {
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(workflowId, "workflowId");
        MessageDigest digest = sha256("wf");
        update(digest, workflow);
        update(digest, workflowId);
        return withUuid(PartitionKeys.of(workflowId), digest);
    }

    /** The 24 bytes of StartMessage.id: partition key then uuid, big-endian. */
    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(partitionKey).putLong(uuidHigh).putLong(uuidLow).array();
    }

    /** The {@code inv_1…} form. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(LENGTH).append(PREFIX);
        Base62.encode(ByteBuffer.allocate(8).putLong(partitionKey).array(), out);
        Base62.encode(ByteBuffer.allocate(16).putLong(uuidHigh).putLong(uuidLow).array(), out);
        return out.toString();
    }

    private static MessageDigest sha256(String tag) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(tag.getBytes(StandardCharsets.UTF_8));
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void update(MessageDigest digest, String part) {
        digest.update(SEPARATOR);
        digest.update(part.getBytes(StandardCharsets.UTF_8));
    }

    private static InvocationId withUuid(long partitionKey, MessageDigest digest) {
        ByteBuffer hash = ByteBuffer.wrap(digest.digest());
        return new InvocationId(partitionKey, hash.getLong(), hash.getLong());
    }
}
