package dev.resolute.worker.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class InvocationIdProperties {
    private static final HexFormat HEX = HexFormat.of();

    /** Captured from restate-server 1.7.12 (restate-protocol.md §8.1). */
    @Example
    void restatesVectorHoldsBothWays() {
        byte[] raw = HEX.parseHex("27cfb03f1b7140f4a24dc558269a2be2ce8e895b39bd53ea");
        String text = "inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHlB9U";

        assertThat(InvocationId.fromBytes(raw).toString()).isEqualTo(text);
        assertThat(InvocationId.parse(text).toBytes()).isEqualTo(raw);
        assertThat(InvocationId.parse(text)).isEqualTo(new InvocationId(0x27cfb03f1b7140f4L, 0xa24dc558269a2be2L, 0xce8e895b39bd53eaL));
    }

    @Property
    void textAndBytesRoundTrip(@ForAll long partitionKey, @ForAll long uuidHigh, @ForAll long uuidLow) {
        InvocationId id = new InvocationId(partitionKey, uuidHigh, uuidLow);

        assertThat(id.toString()).hasSize(38).matches("inv_1[0-9a-zA-Z]{33}");
        assertThat(InvocationId.parse(id.toString())).isEqualTo(id);
        assertThat(InvocationId.fromBytes(id.toBytes())).isEqualTo(id);
    }

    @Property
    void idsOfOnePartitionKeyShareTheirFirst16Characters(@ForAll long partitionKey, @ForAll long a, @ForAll long b) {
        assertThat(new InvocationId(partitionKey, a, b).toString())
                .startsWith(new InvocationId(partitionKey, b, a).toString().substring(0, 16));
    }

    @Example
    void allZerosAndAllOnes() {
        assertThat(new InvocationId(0, 0, 0)).hasToString("inv_1" + "0".repeat(33));
        InvocationId ones = new InvocationId(-1, -1, -1);
        assertThat(InvocationId.parse(ones.toString())).isEqualTo(ones);
    }

    @Example
    void parseSaysWhatIsWrong() {
        assertThatThrownBy(() -> InvocationId.parse("dp_14gmVSea5Er4FDr55CeykRb"))
                .hasMessage("\"dp_14gmVSea5Er4FDr55CeykRb\" is not a valid invocation id: it must start with \"inv_1\"");
        assertThatThrownBy(() -> InvocationId.parse("inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHlB9"))
                .hasMessage("\"inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHlB9\" is not a valid invocation id: it must have 38 characters, not 37");
        assertThatThrownBy(() -> InvocationId.parse("inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHl-9U"))
                .hasMessage("\"inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHl-9U\" is not a valid invocation id: '-' at index 35 is not a base62 digit (0-9, a-z, A-Z)");
        assertThatThrownBy(() -> InvocationId.parse("inv_1" + "Z".repeat(11) + "0".repeat(22)))
                .hasMessageEndingWith("characters 5 to 15 encode a number wider than 64 bits");
        assertThatThrownBy(() -> InvocationId.fromBytes(new byte[23])).hasMessage("an invocation id has 24 bytes, got 23");
    }

    @Example
    void aRandomIdCarriesItsTimeAndPartitionKey() {
        InvocationId id = InvocationId.random(42, 1_764_000_000_000L, new SplittableRandom(1));

        assertThat(id.partitionKey()).isEqualTo(42);
        assertThat(id.uuidHigh() >>> 16).isEqualTo(1_764_000_000_000L);
        assertThat(InvocationId.random(42, 1_764_000_000_000L, new SplittableRandom(2))).isNotEqualTo(id);
    }

    /** Independent of the implementation: the joined text hashed in one go. */
    @Example
    void idempotentIdsHashTheirPartsAsRestateDoes() throws Exception {
        InvocationId keyed = InvocationId.forIdempotentRequest("Counter", Optional.of("k1"), "add", "req-7");
        InvocationId unkeyed = InvocationId.forIdempotentRequest("Greeter", Optional.empty(), "greet", "req-7");
        InvocationId run = InvocationId.forWorkflowRun("Signup", "user-1");

        assertThat(keyed).isEqualTo(expected(PartitionKeys.of("k1"), "ik,Counter,k1,add,req-7"));
        assertThat(unkeyed).isEqualTo(expected(PartitionKeys.of("req-7"), "ik,Greeter,greet,req-7"));
        assertThat(run).isEqualTo(expected(PartitionKeys.of("user-1"), "wf,Signup,user-1"));
    }

    @Property
    void idempotentIdsAreEqualForEqualPartsAndDifferWhenAnyPartDiffers(@ForAll("parts") String service, @ForAll("optionalParts") Optional<String> key,
                                                                      @ForAll("parts") String handler, @ForAll("parts") String idempotencyKey,
                                                                      @ForAll @IntRange(max = 3) int changed, @ForAll("parts") String other) {
        String[] parts = {service, key.orElse(null), handler, idempotencyKey};
        String[] changedParts = parts.clone();
        changedParts[changed] = parts[changed] == null ? other : parts[changed] + other + "x"; // "x": never equal to the old part

        assertThat(idempotent(parts)).isEqualTo(idempotent(parts.clone()));
        assertThat(idempotent(changedParts)).isNotEqualTo(idempotent(parts));
    }

    @Property
    void workflowRunIdsAreEqualForEqualPartsAndDifferWhenAnyPartDiffers(@ForAll("parts") String workflow, @ForAll("parts") String id,
                                                                       @ForAll("parts") String other) {
        assertThat(InvocationId.forWorkflowRun(workflow, id)).isEqualTo(InvocationId.forWorkflowRun(workflow, id));
        assertThat(InvocationId.forWorkflowRun(workflow + other + "x", id)).isNotEqualTo(InvocationId.forWorkflowRun(workflow, id));
        assertThat(InvocationId.forWorkflowRun(workflow, id + other + "x")).isNotEqualTo(InvocationId.forWorkflowRun(workflow, id));
    }

    /**
     * Restate joins the parts with commas, so parts that contain commas can collide ("a,b" + "c" vs "a" + "b,c").
     * We keep its scheme; these parts leave commas out.
     */
    @Provide
    Arbitrary<String> parts() {
        return Arbitraries.strings().withChars("abcXYZ019-_ /éü✓").ofMaxLength(12);
    }

    @Provide
    Arbitrary<Optional<String>> optionalParts() {
        return parts().optional();
    }

    private static InvocationId idempotent(String[] parts) {
        return InvocationId.forIdempotentRequest(parts[0], Optional.ofNullable(parts[1]), parts[2], parts[3]);
    }

    private static InvocationId expected(long partitionKey, String joined) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
        byte[] raw = new byte[24];
        System.arraycopy(HEX.parseHex(String.format("%016x", partitionKey)), 0, raw, 0, 8);
        System.arraycopy(Arrays.copyOf(hash, 16), 0, raw, 8, 16);
        return InvocationId.fromBytes(raw);
    }
}
