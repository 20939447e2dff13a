package dev.resolute.ingress;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Percent-decoding of one raw path segment into the text it stands for, the way Restate's ingress
 * decodes object keys (the {@code urlencoding} crate): each {@code %XX} is one byte, any other
 * character stands for its UTF-8 bytes, a {@code %} not followed by two hex digits stays as it is,
 * {@code +} stays a plus, and the bytes must be valid UTF-8.
 */
final class PathSegment {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private PathSegment() {
    }

    /**
     * The decoded text of {@code raw}.
     *
     * @param what names the segment in the error ({@code "key"}, {@code "service name"})
     * @throws IngressError 400 naming the first invalid byte when the bytes are not valid UTF-8
     */
    static String decode(String raw, String what) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] bytes = bytes(raw);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = utf8.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new IngressError(400, "bad path, cannot decode " + what + " '" + raw + "': percent-decoded it is not valid UTF-8 "
                    + "(invalid byte 0x" + HEX.toHexDigits(bytes[at]) + " at byte " + at + " of " + bytes.length + ")");
        }
        utf8.flush(out);
        return out.flip().toString();
    }

    private static byte[] bytes(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int plain = 0; // start of the run of characters not yet written
        for (int i = 0; i + 2 < raw.length(); i++) {
            if (raw.charAt(i) == '%' && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                out.writeBytes(raw.substring(plain, i).getBytes(StandardCharsets.UTF_8));
                out.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
                plain = i + 1;
            }
        }
        out.writeBytes(raw.substring(plain).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
