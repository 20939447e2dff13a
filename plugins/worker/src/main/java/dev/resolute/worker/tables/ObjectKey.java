package dev.resolute.worker.tables;

import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A virtual object's or workflow's key: its state, its lock and its inbox live under {@link #prefix()}, which
 * starts with the partition key so they lie in their partition's range.
 *
 * @param partitionKey the key's partition key (the first 8 bytes of its invocations' ids)
 * @param service      the service name
 * @param key          the object key or workflow id
 */
public record ObjectKey(long partitionKey, String service, String key) {

    public ObjectKey {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(key, "key");
    }

    /** The object an invocation of {@code target} runs on. */
    public static ObjectKey of(byte[] invocationId, Target target) {
        return new ObjectKey(InvocationId.fromBytes(invocationId).partitionKey(), target.getService(), target.getKey());
    }

    /**
     * Reads an object's {@link #prefix()} from the start of a stored key, leaving {@code key} positioned after it.
     *
     * @throws RuntimeException if the bytes are not a prefix (a {@link java.nio.BufferUnderflowException} or an
     *                          {@link IllegalArgumentException} for a negative length)
     */
    static ObjectKey read(ByteBuffer key) {
        long partitionKey = key.getLong();
        return new ObjectKey(partitionKey, string(key), string(key));
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a string of " + length + " bytes where " + in.remaining() + " remain");
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** partition key u64 · service (u32 length · UTF-8) · key (u32 length · UTF-8). */
    byte[] prefix() {
        byte[] s = Bytes.utf8(service);
        byte[] k = Bytes.utf8(key);
        return ByteBuffer.allocate(8 + 4 + s.length + 4 + k.length)
                .putLong(partitionKey).putInt(s.length).put(s).putInt(k.length).put(k).array();
    }
}
