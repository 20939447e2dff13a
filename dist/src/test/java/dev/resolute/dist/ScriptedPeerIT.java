package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol corners the official SDKs here do not exercise, against a scripted deployment that
 * speaks the wire protocol by hand (reference §1): a deployment capped at V5; a custom message type
 * (0xFC00-0xFFFF) journaled and replayed byte for byte; a V7 ErrorMessage with behavior FAIL ending
 * the invocation without a retry; next_retry_delay; a shared handler's state write refused; the
 * eager-state size limit; bidi streaming over HTTP/1.1; and malformed frames failing only their attempt.
 */
class ScriptedPeerIT {
    private static final int CUSTOM = 0xFC01;
    private static final byte[] CUSTOM_PAYLOAD = {'c', 'u', 's', 't', 'o', 'm', 0, (byte) 0xFF, 7};

    @TempDir
    Path tmp;

    private final AtomicInteger customAttempts = new AtomicInteger();
    private final AtomicInteger failAttempts = new AtomicInteger();
    private final List<String> contentTypes = new ArrayList<>();
    private final List<Long> attemptTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger peekAttempts = new AtomicInteger();
    private final AtomicInteger stores = new AtomicInteger();
    private final AtomicInteger malformedAttempts = new AtomicInteger();
    private final List<String> peerFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void protocolCornersNoSdkHereExercises() throws Exception {
        Server peer = new Server();
        ServerConnector connector = new ServerConnector(peer);
        connector.setHost("127.0.0.1");
        peer.addConnector(connector);
        peer.setHandler(new Peer());
        peer.start();
        try (ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp,
                Map.of("RESTATE_WORKER__INVOKER__EAGER_STATE_SIZE_LIMIT", "64 B"), "--listen-mode", "tcp")) {
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            for (String prefix : List.of("/v5", "/v7", "/bidi")) {
                HttpResponse<String> registered = Http.post(server.url("admin") + "/deployments",
                        "{\"uri\":\"" + base + prefix + "\",\"use_http_11\":true}");
                assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            }
            String ingress = server.url("ingress");

            HttpResponse<String> custom;
            try {
                custom = Http.post(ingress + "/ScriptedV5/custom", null);
            } catch (java.io.IOException e) {
                throw new AssertionError("no answer; attempts " + customAttempts + ", peer failures " + peerFailures + "\n" + server.output(), e);
            }
            assertThat(custom.body()).isEqualTo("\"custom replayed\"");
            assertThat(customAttempts.get()).isEqualTo(2);
            assertThat(contentTypes).contains("application/vnd.restate.invocation.v5");

            HttpResponse<String> failed = Http.post(ingress + "/ScriptedV7/failFast", null);
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.body()).isEqualTo("{\"code\":503,\"message\":\"give up\",\"source\":\"invocation\"}");
            assertThat(failAttempts.get()).as("behavior FAIL is not retried").isEqualTo(1);
            assertThat(contentTypes).contains("application/vnd.restate.invocation.v7");

            // ErrorMessage.next_retry_delay replaces the policy's next delay
            assertThat(Http.post(ingress + "/ScriptedV7/delayed", null).body()).isEqualTo("\"delayed ok\"");
            assertThat(attemptTimes).hasSize(2);
            assertThat(java.time.Duration.ofNanos(attemptTimes.get(1) - attemptTimes.get(0))).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(1400));

            // a shared handler may read state but not write it: that attempt fails, the next one answers
            assertThat(Http.post(ingress + "/ScriptedObject/k1/peek", null).body()).isEqualTo("\"read only\"");
            assertThat(server.errors()).contains("handler ScriptedObject/peek may read state but not write it");

            // eager state up to worker.invoker.eager-state-size-limit (64 B here): 42 bytes go eagerly, 84 do not
            assertThat(Http.post(ingress + "/ScriptedObject/e1/store", null).body()).isEqualTo("\"eager=false partial=false\"");
            assertThat(Http.post(ingress + "/ScriptedObject/e1/store", null).body()).isEqualTo("\"eager=true partial=false\"");
            assertThat(Http.post(ingress + "/ScriptedObject/e1/store", null).body()).isEqualTo("\"eager=false partial=true\"");

            // a command whose payload does not parse, then a type no protocol version defines: each fails its
            // attempt with a message naming the frame, neither enters the journal, the retry succeeds
            HttpResponse<String> malformed = Http.post(ingress + "/ScriptedV7/malformed", null);
            assertThat(malformed.body()).isEqualTo("\"journal holds only the input\"");
            assertThat(malformedAttempts.get()).isEqualTo(3);
            assertThat(server.errors())
                    .contains("ScriptedV7/malformed) attempt 1 failed: payload of message type 0x040C (SLEEP_COMMAND) does not parse")
                    .contains("ScriptedV7/malformed) attempt 2 failed: the service sent message type 0x0420, which service protocol V7 does not define");

            // HTTP/1.1 registered, manifest BIDI_STREAM: the run result must come back on the open request stream
            assertThat(Http.post(ingress + "/ScriptedBidi/run", null).body()).isEqualTo("\"streamed 42\"");
        } finally {
            peer.stop();
        }
    }

    /** Discovery for two services and the scripted attempts, in request/response mode over HTTP/1.1. */
    private final class Peer extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            try {
                return script(request, response, callback);
            } catch (Exception | AssertionError e) {
                peerFailures.add(e.toString());
                throw e;
            }
        }

        private boolean script(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            if (path.endsWith("/discover")) {
                int version = path.startsWith("/v5") ? 5 : path.startsWith("/bidi") ? 6 : 7;
                String output = ",\"output\":{\"contentType\":\"application/json\"}}";
                String services = version == 5
                        ? "{\"name\":\"ScriptedV5\",\"ty\":\"SERVICE\",\"handlers\":[{\"name\":\"custom\"" + output + "]}"
                        : version == 6
                        ? "{\"name\":\"ScriptedBidi\",\"ty\":\"SERVICE\",\"handlers\":[{\"name\":\"run\"" + output + "]}"
                        : "{\"name\":\"ScriptedV7\",\"ty\":\"SERVICE\",\"handlers\":[{\"name\":\"failFast\"" + output
                                + ",{\"name\":\"delayed\"" + output + ",{\"name\":\"malformed\"" + output + "]},"
                                + "{\"name\":\"ScriptedObject\",\"ty\":\"VIRTUAL_OBJECT\",\"handlers\":[{\"name\":\"peek\",\"ty\":\"SHARED\"" + output
                                + ",{\"name\":\"store\",\"ty\":\"EXCLUSIVE\"" + output + "]}";
                String manifest = "{\"protocolMode\":\"" + (version == 6 ? "BIDI_STREAM" : "REQUEST_RESPONSE") + "\",\"minProtocolVersion\":" + version + ",\"maxProtocolVersion\":" + version
                        + ",\"services\":[" + services + "]}";
                response.getHeaders().put("content-type", "application/vnd.restate.endpointmanifest.v2+json");
                response.write(true, ByteBuffer.wrap(manifest.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
            String contentType = request.getHeaders().get("content-type");
            synchronized (contentTypes) {
                contentTypes.add(contentType);
            }
            if (path.endsWith("/run")) {
                return bidi(request, response, callback, contentType);
            }
            List<byte[]> frames = frames(Content.Source.asByteBuffer(request));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (path.endsWith("/custom")) {
                int attempt = customAttempts.incrementAndGet();
                int known = knownEntries(frames.get(0));
                if (attempt == 1) { // a custom command, then a retryable error
                    frame(out, CUSTOM, CUSTOM_PAYLOAD);
                    frame(out, 0x0002, concat(varintField(1, 500), stringField(2, "try again")));
                } else {
                    boolean replayed = known == 2 && frames.size() == 3 && type(frames.get(2)) == CUSTOM
                            && Arrays.equals(payload(frames.get(2)), CUSTOM_PAYLOAD);
                    output(out, replayed ? "\"custom replayed\"" : "\"not replayed: known_entries " + known + ", " + frames.size() + " frames\"");
                    frame(out, 0x0003, new byte[0]);
                }
            } else if (path.endsWith("/delayed")) {
                attemptTimes.add(System.nanoTime());
                if (attemptTimes.size() == 1) { // the SDK asks for a longer delay than the policy's 500 ms
                    frame(out, 0x0002, concat(varintField(1, 500), stringField(2, "later"), varintField(8, 1500)));
                } else {
                    output(out, "\"delayed ok\"");
                    frame(out, 0x0003, new byte[0]);
                }
            } else if (path.endsWith("/malformed")) {
                int attempt = malformedAttempts.incrementAndGet();
                if (attempt == 1) { // SleepCommand whose field 1 claims 127 bytes that never come
                    frame(out, 0x040C, new byte[] {0x0A, 0x7F, 1, 2});
                    frame(out, 0x0003, new byte[0]);
                } else if (attempt == 2) { // a command id between the defined ones and the custom range
                    frame(out, 0x0420, new byte[0]);
                    frame(out, 0x0003, new byte[0]);
                } else {
                    boolean clean = knownEntries(frames.get(0)) == 1 && frames.size() == 2 && type(frames.get(1)) == 0x0400;
                    output(out, clean ? "\"journal holds only the input\"" : "\"journal has " + frames.size() + " frames\"");
                    frame(out, 0x0003, new byte[0]);
                }
            } else if (path.endsWith("/store")) { // stores 40 bytes; reports whether its state came eagerly
                byte[] start = payload(frames.get(0));
                boolean partial = hasVarintField(start, 5, 1);
                boolean eager = hasField(start, 4);
                String key = "s" + stores.incrementAndGet(); // a new 2-byte key each call: 42 bytes more state
                frame(out, 0x0403, concat(bytesField(1, key.getBytes(StandardCharsets.UTF_8)), bytesField(3, bytesField(1, new byte[40]))));
                output(out, "\"eager=" + eager + " partial=" + partial + "\"");
                frame(out, 0x0003, new byte[0]);
            } else if (path.endsWith("/peek")) {
                if (peekAttempts.incrementAndGet() == 1) { // a shared handler writing state: refused by the server
                    frame(out, 0x0403, concat(bytesField(1, "k".getBytes(StandardCharsets.UTF_8)), bytesField(3, bytesField(1, "v".getBytes(StandardCharsets.UTF_8)))));
                    output(out, "\"wrote\"");
                    frame(out, 0x0003, new byte[0]);
                } else {
                    output(out, "\"read only\"");
                    frame(out, 0x0003, new byte[0]);
                }
            } else {
                failAttempts.incrementAndGet();
                frame(out, 0x0002, concat(varintField(1, 503), stringField(2, "give up"), varintField(9, 2))); // behavior = FAIL
            }
            response.getHeaders().put("content-type", contentType);
            response.write(true, ByteBuffer.wrap(out.toByteArray()), callback);
            return true;
        }
    }

    /**
     * Full duplex over HTTP/1.1: propose a ctx.run result, then wait on the still-open request stream
     * for the server's RunCompletionNotification before answering.
     */
    private boolean bidi(Request request, Response response, Callback callback, String contentType) throws Exception {
        response.getHeaders().put("content-type", contentType);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        readUntil(request, received, 2); // Start and Input
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, 0x0411, varintField(11, 1)); // RunCommand, result_completion_id 1
        frame(out, 0x0005, concat(varintField(1, 1), bytesField(14, "42".getBytes(StandardCharsets.UTF_8)))); // ProposeRunCompletion
        Callback.Completable first = new Callback.Completable();
        response.write(false, ByteBuffer.wrap(out.toByteArray()), first);
        first.get();
        List<byte[]> frames = readUntil(request, received, 3);
        byte[] notification = frames.get(2);
        String result = type(notification) == 0x8011 ? "streamed " + new String(payload(notification), StandardCharsets.UTF_8).replaceAll("[^0-9]", "")
                : "got " + Integer.toHexString(type(notification));
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        output(end, "\"" + result + "\"");
        frame(end, 0x0003, new byte[0]);
        response.write(true, ByteBuffer.wrap(end.toByteArray()), callback);
        return true;
    }

    /** Reads the request stream until it holds {@code count} whole frames. */
    private static List<byte[]> readUntil(Request request, ByteArrayOutputStream received, int count) throws Exception {
        while (true) {
            List<byte[]> frames = frames(ByteBuffer.wrap(received.toByteArray()));
            if (frames.size() >= count) {
                return frames;
            }
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                java.util.concurrent.CompletableFuture<Void> more = new java.util.concurrent.CompletableFuture<>();
                request.demand(() -> more.complete(null));
                more.get(30, java.util.concurrent.TimeUnit.SECONDS);
                continue;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            received.writeBytes(copy);
            boolean last = chunk.isLast();
            chunk.release();
            if (last && frames(ByteBuffer.wrap(received.toByteArray())).size() < count) {
                throw new IllegalStateException("the request stream ended before " + count + " frames");
            }
        }
    }

    private static boolean hasField(byte[] message, int wanted) {
        return fieldValue(message, wanted) != null;
    }

    private static boolean hasVarintField(byte[] message, int wanted, long value) {
        Long found = fieldValue(message, wanted);
        return found != null && found == value;
    }

    /** A varint field's value, or the length of a length-delimited one; null when absent. */
    private static Long fieldValue(byte[] message, int wanted) {
        ByteBuffer in = ByteBuffer.wrap(message);
        while (in.hasRemaining()) {
            long tag = varint(in);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            long value;
            if (wire == 0) {
                value = varint(in);
            } else if (wire == 2) {
                value = varint(in);
                in.position(in.position() + (int) value);
            } else {
                in.position(in.position() + (wire == 1 ? 8 : 4));
                value = 0;
            }
            if (field == wanted) {
                return value;
            }
        }
        return null;
    }

    private static List<byte[]> frames(ByteBuffer body) {
        List<byte[]> out = new ArrayList<>();
        while (body.remaining() >= 8) {
            int length = body.getInt(body.position() + 4);
            byte[] frame = new byte[8 + length];
            body.get(frame);
            out.add(frame);
        }
        return out;
    }

    private static int type(byte[] frame) {
        return ((frame[0] & 0xFF) << 8) | (frame[1] & 0xFF);
    }

    private static byte[] payload(byte[] frame) {
        return Arrays.copyOfRange(frame, 8, frame.length);
    }

    /** StartMessage.known_entries is field 3 (a varint). */
    private static int knownEntries(byte[] startFrame) {
        ByteBuffer in = ByteBuffer.wrap(payload(startFrame));
        while (in.hasRemaining()) {
            long tag = varint(in);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (wire == 0) {
                long value = varint(in);
                if (field == 3) {
                    return (int) value;
                }
            } else if (wire == 2) {
                int length = (int) varint(in); // read before taking the position
                in.position(in.position() + length);
            } else if (wire == 1) {
                in.position(in.position() + 8);
            } else {
                in.position(in.position() + 4);
            }
        }
        return 0;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    private static void output(ByteArrayOutputStream out, String json) {
        byte[] value = bytesField(1, json.getBytes(StandardCharsets.UTF_8)); // Value.content
        frame(out, 0x0401, bytesField(14, value)); // OutputCommandMessage.value
    }

    private static void frame(ByteArrayOutputStream out, int type, byte[] payload) {
        out.writeBytes(ByteBuffer.allocate(8).putShort((short) type).putShort((short) 0).putInt(payload.length).array());
        out.writeBytes(payload);
    }

    private static byte[] varintField(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
        return out.toByteArray();
    }

    private static byte[] stringField(int field, String value) {
        return bytesField(field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytesField(int field, byte[] value) {
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

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
