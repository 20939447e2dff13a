package dev.resolute.spi.storage;

import java.util.Objects;

/**
 * One entry read from a {@link Snapshot}. The arrays belong to the caller.
 *
 * @param key   the key
 * @param value the value, possibly empty
 */
public record KeyValue(byte[] key, byte[] value) {
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return KeyRange.hex(key) + "=" + value.length + "B";
    }
}
