package dev.resolute.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.schema.ProtocolRange;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ProtocolVersionProperties {
    @Example
    void theSdksOfTodayGetWhatRestateGivesThem() {
        assertThat(ProtocolVersion.negotiate(5, 7, 6)).as("TS SDK, default server").contains(ProtocolVersion.V6);
        assertThat(ProtocolVersion.negotiate(5, 7, 7)).as("TS SDK, V7 enabled").contains(ProtocolVersion.V7);
        assertThat(ProtocolVersion.negotiate(5, 6, 7)).as("Java SDK's legacy machine").contains(ProtocolVersion.V6);
        assertThat(ProtocolVersion.negotiate(1, 4, 7)).as("too old").isEmpty();
        assertThat(ProtocolVersion.negotiate(8, 9, 7)).as("too new").isEmpty();
        assertThat(ProtocolVersion.negotiate(5, 99, 6)).as("a newer SDK that still speaks ours").contains(ProtocolVersion.V6);
    }

    /** The newest version both sides speak, by trying each one. */
    @Property
    void negotiationPicksTheNewestVersionBothSpeak(@ForAll @IntRange(max = 10) int min, @ForAll @IntRange(max = 10) int max,
                                                   @ForAll @IntRange(min = 5, max = 7) int serverMax) {
        Optional<ProtocolVersion> newestShared = IntStream.rangeClosed(5, serverMax).filter(v -> min <= v && v <= max)
                .boxed().reduce((a, b) -> b).flatMap(ProtocolVersion::of);

        assertThat(ProtocolVersion.negotiate(min, max, serverMax)).isEqualTo(newestShared);
    }

    @Example
    void theServersMaximumMustBeAVersionItSpeaks() {
        assertThatThrownBy(() -> ProtocolVersion.negotiate(5, 7, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the server's newest protocol version must be 5 to 7, got 8");
    }

    @Example
    void oneConstantPerSupportedVersion() {
        assertThat(Arrays.stream(ProtocolVersion.values()).map(ProtocolVersion::number))
                .as("ProtocolVersion against ProtocolRange.SUPPORTED, which discovery checks manifests against")
                .containsExactlyElementsOf(IntStream.rangeClosed(ProtocolRange.SUPPORTED.min(), ProtocolRange.SUPPORTED.max()).boxed().toList());
    }

    @Example
    void contentTypesNameTheVersion() {
        assertThat(ProtocolVersion.V5.contentType()).isEqualTo("application/vnd.restate.invocation.v5");
        assertThat(ProtocolVersion.V6.contentType()).isEqualTo("application/vnd.restate.invocation.v6");
        assertThat(ProtocolVersion.V7.contentType()).isEqualTo("application/vnd.restate.invocation.v7");
        assertThat(ProtocolVersion.of(4)).isEmpty();
    }
}
