package dev.resolute.tck.storage;

import dev.resolute.spi.storage.KeyValue;
import dev.resolute.spi.storage.KeyValueIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Readable renderings of keys and entries, so that failures and shrunk counterexamples can be read. */
final class Hex {

    private Hex() {
    }

    static String of(byte[] bytes) {
        if (bytes.length > 16) {
            return bytes.length + "B:" + of(Arrays.copyOf(bytes, 4)) + "…";
        }
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return s.length() == 0 ? "''" : s.toString();
    }

    /** {@code key=value} per entry; long values show their length and a content hash. */
    static String entry(byte[] key, byte[] value) {
        return of(key) + "=" + (value.length > 16 ? value.length + "B#" + Integer.toHexString(Arrays.hashCode(value)) : of(value));
    }

    /** Drains and closes the iterator, rendering each entry. */
    static List<String> drain(KeyValueIterator iterator) {
        List<String> out = new ArrayList<>();
        try (iterator) {
            while (iterator.hasNext()) {
                KeyValue kv = iterator.next();
                out.add(entry(kv.key(), kv.value()));
            }
        }
        return out;
    }
}
