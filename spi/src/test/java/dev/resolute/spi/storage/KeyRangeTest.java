package dev.resolute.spi.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class KeyRangeTest {

    @Property
    void aPrefixRangeHoldsExactlyTheKeysWithThatPrefix(@ForAll("boundaryBytes") byte[] prefix, @ForAll("boundaryBytes") byte[] key) {
        boolean startsWith = key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
        assertEquals(startsWith, KeyRange.prefix(prefix).contains(key), KeyRange.prefix(prefix) + " and " + KeyRange.hex(key));
    }

    @Property
    void betweenIsHalfOpenInUnsignedOrder(@ForAll("boundaryBytes") byte[] start, @ForAll("boundaryBytes") byte[] end, @ForAll("boundaryBytes") byte[] key) {
        boolean inside = Arrays.compareUnsigned(key, start) >= 0 && Arrays.compareUnsigned(key, end) < 0;
        assertEquals(inside, KeyRange.between(start, end).contains(key));
    }

    @Provide
    Arbitrary<byte[]> boundaryBytes() {
        return Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF)
                .array(byte[].class).ofMaxSize(4);
    }

    @Test
    void prefixEndsAfterTheLastNon0xFFByte() {
        assertArrayEquals(new byte[] {0x02}, KeyRange.prefix(new byte[] {0x01, (byte) 0xFF}).end());
        assertArrayEquals(new byte[] {0x01, (byte) 0x80}, KeyRange.prefix(new byte[] {0x01, 0x7F}).end());
        assertFalse(KeyRange.prefix(new byte[] {(byte) 0xFF, (byte) 0xFF}).hasEnd());
        assertFalse(KeyRange.prefix(new byte[0]).hasEnd());
        assertEquals(KeyRange.all(), KeyRange.prefix(new byte[0]));
    }

    @Test
    void copiesArraysAndRejectsOverlongBounds() {
        byte[] start = {1};
        KeyRange range = KeyRange.atLeast(start);
        start[0] = 9;
        range.start()[0] = 9;
        assertArrayEquals(new byte[] {1}, range.start());
        assertThrows(IllegalArgumentException.class, () -> KeyRange.atLeast(new byte[Keys.MAX_SIZE + 1]));
        assertTrue(KeyRange.between(new byte[] {2}, new byte[] {1}).isEmpty());
        assertEquals("['', end)", KeyRange.all().toString());
    }
}
