package dev.resolute.spi.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ProtocolRangeTest {

    @Example
    void theServerSpeaksFiveToSeven() {
        assertThat(ProtocolRange.SUPPORTED).hasToString("[5, 7]");
        assertThat(ProtocolRange.SUPPORTED.contains(4)).isFalse();
        assertThat(ProtocolRange.SUPPORTED.contains(5)).isTrue();
        assertThat(ProtocolRange.SUPPORTED.contains(7)).isTrue();
        assertThat(ProtocolRange.SUPPORTED.contains(8)).isFalse();
    }

    /** Two ranges meet exactly when some version lies in both. */
    @Property
    void meetsWhenAVersionIsShared(@ForAll @IntRange(min = 1, max = 10) int min, @ForAll @IntRange(min = 0, max = 5) int width,
                                   @ForAll @IntRange(min = 0, max = 12) int otherMin, @ForAll @IntRange(min = 0, max = 12) int otherMax) {
        ProtocolRange range = new ProtocolRange(min, min + width);
        boolean shared = IntStream.rangeClosed(otherMin, otherMax).anyMatch(range::contains);
        assertThat(range.meets(otherMin, otherMax)).isEqualTo(shared);
    }

    @Example
    void refusesAnEmptyOrNonPositiveRange() {
        assertThatThrownBy(() -> new ProtocolRange(7, 5)).hasMessage("a protocol range needs 1 <= min <= max, got [7, 5]");
        assertThatThrownBy(() -> new ProtocolRange(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
