package dev.resolute.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {

    @ParameterizedTest(name = "\"{0}\" = {1}")
    @CsvSource(delimiter = '|', value = {
        "32 MiB               | 33554432",
        "32MiB                | 33554432",
        "32 mib               | 33554432",
        "32 MIB               | 33554432",
        "1.5 GiB              | 1610612736",
        "1.5GiB               | 1610612736",
        "0.5 GiB              | 536870912",
        "64.0 KiB             | 65536",
        "32 MB                | 32000000",
        "1KB                  | 1000",
        "1 kB                 | 1000",
        "1kb                  | 1000",
        "2GB                  | 2000000000",
        "12.34 KB             | 12340",
        "1048576              | 1048576",
        "0                    | 0",
        "+5                   | 5",
        "007                  | 7",
        "1 B                  | 1",
        "0 B                  | 0",
        "512b                 | 512",
        "4k                   | 4000",
        "5m                   | 5000000",
        "2Gi                  | 2147483648",
        "1.5Ki                | 1536",
        "3 TB                 | 3000000000000",
        "3 TiB                | 3298534883328",
        "8P                   | 8000000000000000",
        "12 PiB               | 13510798882111488",
        "1 EiB                | 1152921504606846976",
        "7 EB                 | 7000000000000000000",
        "'1\tMiB'             | 1048576",
        "1.  KiB              | 1024",
        ".5 KiB               | 512",
        // fractions round to the nearest byte
        "0.3 KiB              | 307",
        "1.9999 B             | 2",
        "0.0005 KB            | 1",
        "9223372036854775807  | 9223372036854775807",
        "7.99 EiB             | 9211842821808707338",
    })
    void parsesRestateForms(String text, long expected) {
        assertEquals(expected, ByteSizes.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-1 MiB", "-5", "12 XB", "", " ", "abc", "1.5", "1 parsec", "1 KiBs", "1e3", "1 Ki B",
        " 1 MiB", "1 MiB ", "1 000 B", "1.3 42.0 B", "1.3 ... B", "a124GB", "1..5 MB", ".", ". MB",
        "+5 MB", "+", "1 \u212Aib", // the Kelvin sign is not a k
        "8 EiB", "9223372036854775808", "10 EB", "99999999999999999999 B", // too large
    })
    void rejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(text));
        assertEquals(false, e.getMessage().isBlank());
    }

    @Test
    void reasonsAreShortAndSpecific() {
        assertEquals("expected a number",
                assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("-1 MiB")).getMessage());
        assertEquals("unknown unit \"XB\"",
                assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("12 XB")).getMessage());
        assertEquals("size too large",
                assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("8 EiB")).getMessage());
    }

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "0                   | 0 B",
        "512                 | 512 B",
        "1023                | 1023 B",
        "1024                | 1.0 KiB",
        "65536               | 64.0 KiB",
        "33554432            | 32.0 MiB",
        "1610612736          | 1.5 GiB",
        "1572864             | 1.5 MiB",
        "1310720             | 1280.0 KiB",
        "1537                | 1537 B",
        "32000000            | 31250.0 KiB",
        "1000000             | 1000000 B",
        "1152921504606846976 | 1.0 EiB",
        "9223372036854775807 | 9223372036854775807 B",
    })
    void formatsInRestateDumpStyleButExactly(long bytes, String expected) {
        assertEquals(expected, ByteSizes.format(bytes));
    }

    @Test
    void formatRefusesNegative() {
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.format(-1));
    }

    @Property
    void formatParsesBack(@ForAll @LongRange(min = 0, max = 1L << 60) long bytes) {
        assertEquals(bytes, ByteSizes.parse(ByteSizes.format(bytes)));
    }

    @Property
    void wholeAndHalfUnitsUseTheUnit(@ForAll @IntRange(min = 0, max = 4) int unit,
            @ForAll @LongRange(min = 1, max = 1023) long count, @ForAll boolean half) {
        String[] names = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        long size = 1L << (10 * (unit + 1));
        long bytes = count * size + (half ? size / 2 : 0);
        String text = ByteSizes.format(bytes);
        assertEquals(count + (half ? ".5 " : ".0 ") + names[unit], text);
        assertEquals(bytes, ByteSizes.parse(text));
    }

    @Property
    void countTimesUnitIsExact(@ForAll @LongRange(min = 0) long seed,
            @ForAll @From("units") String unit, @ForAll boolean space, @ForAll long caseBits) {
        long factor = factor(unit);
        long count = seed % (Long.MAX_VALUE / factor + 1); // keep the product within a long
        StringBuilder spelled = new StringBuilder();
        for (int i = 0; i < unit.length(); i++) {
            String c = unit.substring(i, i + 1);
            spelled.append((caseBits >>> i & 1) == 1 ? c.toUpperCase(Locale.ROOT) : c);
        }
        String text = count + (space ? " " : "") + spelled;
        assertEquals(count * factor, ByteSizes.parse(text), text);
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("b", "k", "kb", "m", "mb", "g", "gb", "t", "tb", "p", "pb", "e", "eb",
                "ki", "kib", "mi", "mib", "gi", "gib", "ti", "tib", "pi", "pib", "ei", "eib");
    }

    /** The expected factor, written out independently of the parser's table. */
    private static long factor(String unit) {
        if (unit.equals("b")) {
            return 1;
        }
        int power = "kmgtpe".indexOf(unit.charAt(0)) + 1;
        boolean binary = unit.length() > 1 && unit.charAt(1) == 'i';
        long factor = 1;
        for (int i = 0; i < power; i++) {
            factor *= binary ? 1024 : 1000;
        }
        return factor;
    }
}
