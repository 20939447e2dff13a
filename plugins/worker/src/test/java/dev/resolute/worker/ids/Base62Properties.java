package dev.resolute.worker.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class Base62Properties {
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Property
    void u64MatchesBigIntegerArithmeticOnTheSwappedBytes(@ForAll long value) {
        byte[] bytes = ByteBuffer.allocate(8).putLong(value).array();

        assertThat(encode(bytes)).isEqualTo(oracle(bytes, 11));
        assertThat(Base62.decode(encode(bytes), 0, 8)).isEqualTo(bytes);
    }

    @Property
    void u128MatchesBigIntegerArithmeticOnTheSwappedBytes(@ForAll long high, @ForAll long low) {
        byte[] bytes = ByteBuffer.allocate(16).putLong(high).putLong(low).array();

        assertThat(encode(bytes)).isEqualTo(oracle(bytes, 22));
        assertThat(Base62.decode("prefix" + encode(bytes), 6, 16)).isEqualTo(bytes);
    }

    @Example
    void zeroAndAllOnes() {
        assertThat(encode(new byte[8])).isEqualTo("00000000000");
        assertThat(encode(new byte[16])).isEqualTo("0".repeat(22));
        byte[] ones = ByteBuffer.allocate(16).putLong(-1).putLong(-1).array();
        assertThat(Base62.decode(encode(ones), 0, 16)).isEqualTo(ones);
        assertThat(encode(ones)).isEqualTo(oracle(ones, 22));
    }

    @Example
    void theLastByteIsTheMostSignificant() {
        byte[] one = new byte[8];
        one[7] = 1; // big-endian 1 is read little-endian as 2^56
        assertThat(encode(one)).isEqualTo(oracle(one, 11)).isNotEqualTo("00000000001");
    }

    private static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        Base62.encode(bytes, out);
        return out.toString();
    }

    /** The little-endian reading of the bytes, in base62 by BigInteger, left-padded with '0'. */
    private static String oracle(byte[] bigEndian, int width) {
        byte[] swapped = new byte[bigEndian.length];
        for (int i = 0; i < swapped.length; i++) {
            swapped[i] = bigEndian[bigEndian.length - 1 - i];
        }
        BigInteger value = new BigInteger(1, swapped);
        StringBuilder digits = new StringBuilder();
        BigInteger base = BigInteger.valueOf(62);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(base);
            digits.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        return "0".repeat(width - digits.length()) + digits.reverse();
    }
}
