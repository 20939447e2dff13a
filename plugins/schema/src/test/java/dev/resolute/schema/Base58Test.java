package dev.resolute.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Base58Test {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    @Test
    void encodesTheBitcoinVectors() {
        assertThat(Base58.encode("Hello World!".getBytes(StandardCharsets.US_ASCII))).isEqualTo("2NEpo7TZRRrLZSi2U");
        assertThat(Base58.encode(HexFormat.of().parseHex("0000287fb4cd"))).isEqualTo("11233QC4");
        assertThat(Base58.encode(new byte[0])).isEmpty();
        assertThat(Base58.encode(new byte[3])).isEqualTo("111");
    }

    @Property
    void decodesBackToTheSameBytes(@ForAll @Size(max = 40) byte[] bytes) {
        assertThat(decode(Base58.encode(bytes))).isEqualTo(bytes);
    }

    /** The inverse, written independently: digits, then one zero byte per leading '1'. */
    private static byte[] decode(String text) {
        BigInteger value = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            value = value.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(ALPHABET.indexOf(c)));
        }
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        String hex = value.signum() == 0 ? "" : value.toString(16);
        byte[] digits = HexFormat.of().parseHex(hex.length() % 2 == 0 ? hex : "0" + hex);
        byte[] out = new byte[zeros + digits.length];
        System.arraycopy(digits, 0, out, zeros, digits.length);
        return out;
    }
}
