package dev.resolute.worker.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class DeploymentIdTest {
    /** An id from Restate's admin API (restate-protocol.md §8.1): its ULID time must be a plausible date. */
    @Example
    void restatesIdParsesToAPlausibleTimeAndFormatsBack() {
        DeploymentId id = DeploymentId.parse("dp_14gmVSea5Er4FDr55CeykRb");

        assertThat(id).hasToString("dp_14gmVSea5Er4FDr55CeykRb");
        assertThat(Instant.ofEpochMilli(id.epochMillis())).isBetween(Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Example
    void generationUsesTheCallersClockAndRandomness() {
        long now = 1_764_000_000_000L;
        DeploymentId id = DeploymentId.generate(now, new SplittableRandom(7));

        assertThat(id.epochMillis()).isEqualTo(now);
        assertThat(id.toString()).hasSize(26).startsWith("dp_1");
        assertThat(DeploymentId.generate(now, new SplittableRandom(7))).isEqualTo(id);
        assertThat(DeploymentId.generate(now, new SplittableRandom(8))).isNotEqualTo(id);
        assertThatThrownBy(() -> DeploymentId.generate(-1, new SplittableRandom(7))).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void textRoundTrips(@ForAll long high, @ForAll long low) {
        DeploymentId id = new DeploymentId(high, low);

        assertThat(DeploymentId.parse(id.toString())).isEqualTo(id);
    }

    @Example
    void parseSaysWhatIsWrong() {
        assertThatThrownBy(() -> DeploymentId.parse("dp_2gmVSea5Er4FDr55CeykRb"))
                .hasMessage("\"dp_2gmVSea5Er4FDr55CeykRb\" is not a valid deployment id: it must start with \"dp_1\"");
        assertThatThrownBy(() -> DeploymentId.parse("dp_14gmVSea5Er4FDr55CeykRbX"))
                .hasMessage("\"dp_14gmVSea5Er4FDr55CeykRbX\" is not a valid deployment id: it must have 26 characters, not 27");
    }
}
