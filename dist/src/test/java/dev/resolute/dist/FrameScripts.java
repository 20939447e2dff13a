package dev.resolute.dist;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What a hostile or broken SDK answers to an invocation, for the frame fuzz test: a sequence of service-protocol
 * frames (reference §1.3: a u16 type, u16 flags and u32 length, then the payload) of random, known and undefined
 * types, with honest, short, long or absurd lengths and random or almost-valid payloads, then an End, Error,
 * Suspension, a torn header or nothing; sometimes with a wrong status or content type.
 */
final class FrameScripts {
    /** The service's {@code worker.invoker.message-size-limit} in the test, so an oversized frame is cheap to send. */
    static final int MESSAGE_LIMIT = 64 * 1024;
    private static final List<Integer> KNOWN = List.of(0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007,
            0x0400, 0x0401, 0x0402, 0x0403, 0x0404, 0x0405, 0x0406, 0x0407, 0x0408, 0x0409, 0x040A, 0x040B, 0x040C, 0x040D,
            0x040E, 0x040F, 0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x8002, 0x800C, 0x800D, 0x8011, 0xFBFF, 0xFC00, 0xFFFF);

    /** An answer: status, content type (null: the negotiated one) and body. */
    record Script(String what, int status, String contentType, byte[] body) {
        @Override
        public String toString() {
            return what + " (" + status + ", " + body.length + " bytes)";
        }
    }

    private record Frame(String what, byte[] bytes) {
    }

    private FrameScripts() {
    }

    static Arbitrary<Script> scripts() {
        Arbitrary<List<Frame>> frames = frame().list().ofMaxSize(5);
        Arbitrary<Frame> end = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new Frame("End", frame(0x0003, 0, new byte[0])))),
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.strings().ofMaxLength(40),
                        Arbitraries.integers().between(0, 3)).as((code, message, behavior) -> new Frame("Error " + code,
                        frame(0x0002, 0, concat(varint(1, code), text(2, message), behavior < 3 ? varint(9, behavior) : new byte[0]))))),
                Tuple.of(2, Arbitraries.of(new byte[0], varint(1, 99), concat(varint(2, 1), varint(1, 7)), bytes(4, new byte[0]), text(3, "sig"))
                        .map(waiting -> new Frame("Suspension", frame(0x0001, 0, waiting)))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(7).map(torn -> new Frame("torn header", torn))),
                Tuple.of(2, Arbitraries.just(new Frame("nothing", new byte[0]))));
        Arbitrary<int[]> answer = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(new int[] {200, 0})),
                Tuple.of(1, Arbitraries.of(new int[] {200, 1}, new int[] {200, 2}, new int[] {500, 0}, new int[] {404, 0},
                        new int[] {415, 0}, new int[] {429, 0}, new int[] {302, 0})));
        return Combinators.combine(frames, end, answer).as((list, last, http) -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            StringBuilder what = new StringBuilder();
            for (Frame f : list) {
                body.writeBytes(f.bytes());
                what.append(f.what()).append(", ");
            }
            body.writeBytes(last.bytes());
            what.append(last.what());
            String type = http[1] == 0 ? null : http[1] == 1 ? "application/json" : "application/vnd.restate.invocation.v99";
            return new Script(what.toString(), http[0], type, body.toByteArray());
        });
    }

    private static Arbitrary<Frame> frame() {
        Arbitrary<Integer> type = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(KNOWN)),
                Tuple.of(2, Arbitraries.integers().between(0, 0xFFFF)), Tuple.of(1, Arbitraries.integers().between(0x0008, 0x03FF)));
        Arbitrary<Integer> flags = Arbitraries.of(0, 0, 0, 0x8000, 0xFFFF, 1);
        Arbitrary<byte[]> payload = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(new byte[0])),
                Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
                Tuple.of(3, Arbitraries.of(almostValid())),
                Tuple.of(1, Arbitraries.just(new byte[MESSAGE_LIMIT + 1024])));
        Arbitrary<Integer> lie = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.of(-1, -3, 1, 5, 1000, Integer.MAX_VALUE, -2_000_000_000)));
        return Combinators.combine(type, flags, payload, lie).as((t, f, p, l) -> {
            ByteBuffer header = ByteBuffer.allocate(8).putShort((short) (int) t).putShort((short) (int) f);
            header.putInt(l == Integer.MAX_VALUE || l == -2_000_000_000 ? l : Math.max(0, p.length + l));
            return new Frame(String.format("0x%04X/%d%s", t, p.length, l == 0 ? "" : " length " + (l > 0 ? "+" : "") + l),
                    concat(header.array(), p));
        });
    }

    /** Payloads of the right shape for some message or close to it: fields that parse, with values a server must judge. */
    private static List<byte[]> almostValid() {
        byte[] value = bytes(1, "\"v\"".getBytes(StandardCharsets.UTF_8));
        return List.of(
                bytes(14, value), // OutputCommand with a value
                concat(bytes(15, concat(varint(1, 418), text(2, "teapot")))), // OutputCommand with a failure
                concat(varint(1, Long.MAX_VALUE), varint(11, 1)), // Sleep until the end of time
                concat(varint(1, 1), varint(11, 1)), // Sleep until 1970
                concat(text(1, "NoSuchService"), text(2, "h"), varint(11, 2)), // Call to a service that does not exist
                concat(text(1, "FzRr"), text(2, "ok"), bytes(3, "{}".getBytes(StandardCharsets.UTF_8)), varint(10, 1), varint(11, 2)),
                concat(bytes(1, new byte[] {(byte) 0xFF}), bytes(3, value)), // SetState with a non-UTF-8 key
                concat(varint(11, 1), text(12, "run")), // Run
                concat(varint(1, 1), bytes(14, "42".getBytes(StandardCharsets.UTF_8))), // ProposeRunCompletion
                concat(text(1, "inv_1nope"), varint(2, 1)), // SendSignal to a bad id
                concat(text(1, "sign_1bad"), bytes(2, value)), // CompleteAwakeable with a bad id
                concat(text(1, "k"), varint(11, 3)), // GetPromise in a service
                new byte[] {0x0A, 0x7F, 1, 2}, // a field claiming 127 bytes
                new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1},
                concat(varint(7, 3), varint(536870911, 1))); // unknown fields only
    }

    static byte[] frame(int type, int flags, byte[] payload) {
        return concat(ByteBuffer.allocate(8).putShort((short) type).putShort((short) flags).putInt(payload.length).array(), payload);
    }

    static byte[] varint(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
        return out.toByteArray();
    }

    static byte[] text(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(int field, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, ((long) field << 3) | 2);
        writeVarint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
