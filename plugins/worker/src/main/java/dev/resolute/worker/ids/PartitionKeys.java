package dev.resolute.worker.ids;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Partition keys (unsigned 64-bit) and the partitions that own them. The key space is cut into equal
 * contiguous ranges, as Restate's partition table does, so a partition's rows in every table are one range.
 */
public final class PartitionKeys {
    /**
     * XXH3-64, seed 0, over what Rust's {@code Hash} feeds the hasher for a string: its UTF-8 bytes, then 0xFF.
     * That is Restate's own key hash, so an object key lands on the same partition key as in Restate. It is
     * persisted in every id and table key: it must never change.
     */
    private static final Hasher64 XXH3 = Hashing.xxh3_64();
    private static final byte STR_TERMINATOR = (byte) 0xFF;
    private static final BigInteger KEY_SPACE = BigInteger.ONE.shiftLeft(64);

    private PartitionKeys() {
    }

    /** An inclusive range of partition keys, compared unsigned. */
    public record KeyRange(long first, long last) {
        /** @return whether first ≤ key ≤ last, unsigned */
        public boolean contains(long key) {
            return Long.compareUnsigned(first, key) <= 0 && Long.compareUnsigned(key, last) <= 0;
        }
    }

    /** The partition key of an object key, workflow id or idempotency key. */
    public static long of(String key) {
        byte[] utf8 = Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(utf8, utf8.length + 1);
        input[utf8.length] = STR_TERMINATOR;
        return XXH3.hashBytesToLong(input);
    }

    /**
     * The partition that owns the key: {@code floor(key * n / 2^64)}, key unsigned.
     *
     * @throws IllegalArgumentException if numPartitions is not positive
     */
    public static int partitionOf(long partitionKey, int numPartitions) {
        checkCount(numPartitions);
        // the high half of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18+)
        return (int) (Math.multiplyHigh(partitionKey, numPartitions) + (partitionKey < 0 ? numPartitions : 0));
    }

    /**
     * The keys a partition owns: from {@code ceil(p * 2^64 / n)} to {@code ceil((p + 1) * 2^64 / n) - 1}.
     *
     * @throws IllegalArgumentException unless 0 ≤ partition &lt; numPartitions
     */
    public static KeyRange range(int partition, int numPartitions) {
        checkCount(numPartitions);
        if (partition < 0 || partition >= numPartitions) {
            throw new IllegalArgumentException("partition must be 0 to " + (numPartitions - 1) + ", got " + partition);
        }
        // longValue keeps the low 64 bits: the unsigned key, and 2^64 - 1 for the last partition's end
        return new KeyRange(start(partition, numPartitions).longValue(),
                start(partition + 1, numPartitions).subtract(BigInteger.ONE).longValue());
    }

    /** ceil(partition * 2^64 / n) */
    private static BigInteger start(int partition, int numPartitions) {
        BigInteger n = BigInteger.valueOf(numPartitions);
        return KEY_SPACE.multiply(BigInteger.valueOf(partition)).add(n.subtract(BigInteger.ONE)).divide(n);
    }

    private static void checkCount(int numPartitions) {
        if (numPartitions < 1) {
            throw new IllegalArgumentException("the number of partitions must be at least 1, got " + numPartitions);
        }
    }
}
