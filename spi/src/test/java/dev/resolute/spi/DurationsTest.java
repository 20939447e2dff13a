package dev.resolute.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    private static final long HUNDRED_YEARS_SECONDS = 36_525L * 86_400;

    @ParameterizedTest(name = "\"{0}\" = {1}")
    @CsvSource(delimiter = '|', value = {
        "1h 30m           | PT1H30M",
        "10m              | PT10M",
        "1d               | PT24H",
        "500ms            | PT0.5S",
        "PT1H             | PT1H",
        "0                | PT0S",
        "1s 500ms         | PT1.5S",
        "1d 12h 4m 2s     | PT36H4M2S",
        "5min             | PT5M",
        "2 hours          | PT2H",
        "1 day            | PT24H",
        "90s              | PT1M30S",
        "1h30m            | PT1H30M",
        "P1DT2H           | PT26H",
        "'1h, 30m'        | PT1H30M",
        "'1 hour, 30 minutes' | PT1H30M",
        "1.5s             | PT1.5S",
        "'1,5s'           | PT1.5S",
        "1.5h             | PT1H30M",
        "1h 1.5m          | PT1H1M30S",
        "0.0021s          | PT0.0021S",
        "1.5ms            | PT0.0015S",
        "1.5us            | PT0.0000015S",
        "1w               | PT168H",
        "1wk 4 days       | PT264H",
        "2 weeks          | PT336H",
        "3 wks            | PT504H",
        "7 ns             | PT0.000000007S",
        "7nanos           | PT0.000000007S",
        "7 us             | PT0.000007S",
        "7µs              | PT0.000007S",
        "7 micros         | PT0.000007S",
        "7 msec           | PT0.007S",
        "7 millis         | PT0.007S",
        "7 milliseconds   | PT0.007S",
        "3 sec            | PT3S",
        "3 secs           | PT3S",
        "1 second         | PT1S",
        "1 minute         | PT1M",
        "2 mins           | PT2M",
        "1 hr             | PT1H",
        "2 hrs            | PT2H",
        "1hour1m          | PT1H1M",
        "30 days 48 hours | PT768H",
        "1s2000ms         | PT3S",
        "01:30:00         | PT1H30M",
        "999:999:999      | PT1015H55M39S",
        "'5 days, 01:02:03.5' | PT121H2M3.5S",
        "pt1h30m          | PT1H30M",
        "PT0.5S           | PT0.5S",
        "'PT1,5S'         | PT1.5S",
        "PT1.5H           | PT1H30M",
        "P2W              | PT336H",
        "P30DT10H30M15S   | PT730H30M15S",
        "PT0.000000001S   | PT0.000000001S",
        "+5s              | PT5S",
        "+PT5S            | PT5S",
        "0s               | PT0S",
        "0d               | PT0S",
        "-0s              | PT0S",
        "'0s ago'         | PT0S",
        "-PT0S            | PT0S",
        // Restate refuses only non-zero years and months
        "0y 5s            | PT5S",
        "P0Y0M1D          | PT24H",
        // jiff drops what is finer than a nanosecond
        "1.0000005ms      | PT0.001S",
    })
    void parsesRestateForms(String text, Duration expected) {
        assertEquals(expected, Durations.parse(text));
    }

    @Test
    void whitespaceIsTakenAsJiffTakesIt() {
        // jiff eats trailing whitespace while looking for "ago", but a duration must start with a sign or digit
        assertEquals(Duration.ofSeconds(5), Durations.parse("5s \t"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h\n30m"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(" 5s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("PT5S "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1y", "2mo", "1 year", "P1Y", "P1M", "p1y", "1y 5s", // calendar units
        "-5s", "5s ago", "-PT1S", "-1ms", // negative
        "abc", "", " ", "10", "1.5", "1 parsec", "5 h0urs", "1H", "1S", "5 MINUTES", // not durations
        "1h 1h", "30m 1h", "1ms 1s", // units must shrink
        "1h,30m", "1h, ", "1h,", "1.5h, 30m", // a comma needs a space and a following unit
        "1.5d", "1.5w", "1.5ns", "1.5h 30m", "1.1234567891s", "1.s", // fractions
        "P", "PT", "P1DT", "P1", "PT1", "PT1.5H30M", "P1.5D", "PT1D", "P1H", "P1D T1H", "P 1D", // ISO
        "1h 01:00:00", "01:30", "1:30:", "01:30:00 5s", // HH:MM:SS
        "+5s ago", "+-5s", "+", "-", "5sago", "5s ago ", // signs
        "9223372036854775808s", "9223372036854775807d", "106751991167301d", // too large
        "00", "0 ", "0.0",
    })
    void rejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals(false, e.getMessage().isBlank());
    }

    @Test
    void reasonsAreShortAndSpecific() {
        assertEquals("years and months are not supported, use days or smaller units",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("1y")).getMessage());
        assertEquals("negative durations are not allowed",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("-5s")).getMessage());
        assertEquals("missing unit (ns, us, ms, s, m, h, d or w)",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("10")).getMessage());
        assertEquals("unknown unit at \"parsec\"",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("1 parsec")).getMessage());
    }

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "PT0S             | 0s",
        "PT1H30M          | 1h 30m",
        "PT0.5S           | 500ms",
        "PT24H            | 1d",
        "PT36H4M2S        | 1d 12h 4m 2s",
        "PT768H           | 32d",
        "PT1.5S           | 1s 500ms",
        "PT0.000001001S   | 1µs 1ns",
        "PT0.000000022S   | 22ns",
        "PT730H30M15S     | 30d 10h 30m 15s",
    })
    void formatsAsRestatePrints(Duration duration, String expected) {
        assertEquals(expected, Durations.format(duration));
    }

    @Test
    void formatRefusesNegative() {
        assertThrows(IllegalArgumentException.class, () -> Durations.format(Duration.ofSeconds(-1)));
    }

    @Property
    void formatParsesBackInMilliseconds(@ForAll @LongRange(min = 0, max = HUNDRED_YEARS_SECONDS * 1_000) long millis) {
        Duration duration = Duration.ofMillis(millis);
        assertEquals(duration, Durations.parse(Durations.format(duration)));
    }

    @Property
    void formatParsesBackInNanoseconds(@ForAll @LongRange(min = 0, max = HUNDRED_YEARS_SECONDS) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Duration duration = Duration.ofSeconds(seconds, nanos);
        assertEquals(duration, Durations.parse(Durations.format(duration)));
    }

    @Property
    void javaIsoFormParsesBack(@ForAll @LongRange(min = 0, max = HUNDRED_YEARS_SECONDS) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Duration duration = Duration.ofSeconds(seconds, nanos);
        assertEquals(duration, Durations.parse(duration.toString()));
    }

    /** Friendly spellings per unit, largest unit first. */
    private static final String[][] SPELLINGS = {
        {"w", "wk", "wks", "week", "weeks"},
        {"d", "day", "days"},
        {"h", "hr", "hrs", "hour", "hours"},
        {"m", "min", "mins", "minute", "minutes"},
        {"s", "sec", "secs", "second", "seconds"},
        {"ms", "msec", "msecs", "milli", "millis", "millisecond", "milliseconds"},
        {"us", "µs", "usec", "usecs", "µsec", "µsecs", "micro", "micros", "microsecond", "microseconds"},
        {"ns", "nsec", "nsecs", "nano", "nanos", "nanosecond", "nanoseconds"},
    };
    private static final Duration[] LENGTHS = {Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(1),
        Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofNanos(1_000), Duration.ofNanos(1)};

    /** One "value unit" component: which unit, its amount, how it is spelled and what follows it. */
    record Part(int unit, long value, String label, String beforeLabel, String after) {
    }

    @Provide
    Arbitrary<List<Part>> parts() {
        Arbitrary<Part> part = Arbitraries.integers().between(0, SPELLINGS.length - 1).flatMap(unit -> Combinators.combine(
                Arbitraries.longs().between(0, 1_000_000),
                Arbitraries.of(SPELLINGS[unit]),
                Arbitraries.of("", " ", "  ", "\t"),
                Arbitraries.of("", " ", ", ", ",  ", "\n"))
                .as((value, label, before, after) -> new Part(unit, value, label, before, after)));
        return part.list().ofMinSize(1).ofMaxSize(SPELLINGS.length).uniqueElements(Part::unit);
    }

    @Property
    void friendlyComponentsParseToTheirSum(@ForAll("parts") List<Part> parts) {
        List<Part> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(Part::unit));
        StringBuilder text = new StringBuilder();
        Duration expected = Duration.ZERO;
        for (int i = 0; i < ordered.size(); i++) {
            Part p = ordered.get(i);
            text.append(p.value()).append(p.beforeLabel()).append(p.label());
            if (i < ordered.size() - 1) {
                text.append(p.after()); // a separator only between components: a trailing comma is an error
            }
            expected = expected.plus(LENGTHS[p.unit()].multipliedBy(p.value()));
        }
        assertEquals(expected, Durations.parse(text.toString()), text.toString());
    }

    @Property
    void fractionOfTheLastUnitIsExactToTheNanosecond(@ForAll @IntRange(min = 2, max = 6) int unit,
            @ForAll @LongRange(min = 0, max = 100_000) long whole, @ForAll @IntRange(min = 1, max = 9) int digits,
            @ForAll @LongRange(min = 0, max = 999_999_999) long fractionSeed) {
        String fraction = String.format("%09d", fractionSeed).substring(0, digits);
        String text = whole + "." + fraction + SPELLINGS[unit][0];
        Duration length = LENGTHS[unit];
        Duration expected = length.multipliedBy(whole)
                .plus(length.multipliedBy(Long.parseLong(fraction)).dividedBy((long) Math.pow(10, digits)));
        assertEquals(expected, Durations.parse(text), text);
    }
}
