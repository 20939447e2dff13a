package dev.resolute.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DeploymentIdsTest {
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Test
    void encodesAsRestateDoes() {
        // the uuid half of the observed invocation id inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHlB9U (restate-protocol.md §8.1)
        assertThat(DeploymentIds.encode(HexFormat.of().parseHex("a24dc558269a2be2ce8e895b39bd53ea"))).isEqualTo("78atlOmVeaLZJwd8nHlB9U");
        // dp_15rDUa6Wz3jH7EmYegZvFkJ, registered on restate-server 1.7.12 at 2026-11-25T09:44:34.502Z: a ULID of that moment
        byte[] ulid = HexFormat.of().parseHex("01a21217b9c798e2dd40c33e151befb2");
        assertThat(DeploymentIds.PREFIX + DeploymentIds.encode(ulid)).isEqualTo("dp_15rDUa6Wz3jH7EmYegZvFkJ");
        assertThat(millis(ulid)).isEqualTo(Instant.parse("2026-11-25T09:44:34.503Z").toEpochMilli());
    }

    @Property
    void encodingIsFixedWidthBase62OfTheByteSwappedValue(@ForAll @Size(16) byte[] bytes) {
        String encoded = DeploymentIds.encode(bytes);
        assertThat(encoded).hasSize(22).matches("[0-9a-zA-Z]{22}");
        assertThat(DeploymentIds.problem(DeploymentIds.PREFIX + encoded)).isEmpty();
        assertThat(decode(encoded)).isEqualTo(bytes);
    }

    @Test
    void newIdsAreUlidsOfTheirCreationTime() {
        Instant now = Instant.parse("2030-01-02T03:04:05.678Z");
        String id = DeploymentIds.next(now);
        assertThat(id).startsWith("dp_1").hasSize(26);
        assertThat(millis(decode(id.substring(4)))).isEqualTo(now.toEpochMilli());
        assertThat(DeploymentIds.next(now)).isNotEqualTo(id);
    }

    @Test
    void saysWhyAnIdIsNotOne() {
        assertThat(DeploymentIds.problem("dp_1xxxx")).contains("expected 22 base62 characters after \"dp_1\", got 4");
        assertThat(DeploymentIds.problem("inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHlB9U")).contains("it must start with \"dp_\"");
        assertThat(DeploymentIds.problem("dp_25rDUa6Wz3jH7EmYegZvFkJ")).contains("only id scheme version 1 (\"dp_1...\") exists");
        assertThat(DeploymentIds.problem("dp_15rDUa6Wz3jH7EmYegZvF-J")).contains("'-' is not a base62 character (0-9, a-z, A-Z)");
        assertThat(DeploymentIds.problem("dp_1ZZZZZZZZZZZZZZZZZZZZZZ")).contains("the value does not fit in 128 bits");
    }

    /** An independent decoder: base62 to an integer, its 16 big-endian bytes reversed. */
    private static byte[] decode(String digits) {
        BigInteger value = BigInteger.ZERO;
        for (char c : digits.toCharArray()) {
            value = value.multiply(BigInteger.valueOf(62)).add(BigInteger.valueOf(ALPHABET.indexOf(c)));
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = value.shiftRight(8 * i).byteValue(); // least significant byte first
        }
        return out;
    }

    private static long millis(byte[] ulid) {
        long millis = 0;
        for (int i = 0; i < 6; i++) {
            millis = (millis << 8) | (ulid[i] & 0xFF);
        }
        return millis;
    }
}
