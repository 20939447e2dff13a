package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A fake SDK endpoint answers invocations with generated frames ({@link FrameScripts}), in request/response and in
 * bidi mode: the server never crashes, the fuzzed invocation is never lost (it is still there: completed, retried with
 * a {@code last_failure} that names the problem, suspended or paused), and other invocations keep working.
 */
class FrameFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_IO = ",\"input\":{\"contentType\":\"application/json\"},\"output\":{\"contentType\":\"application/json\"}";
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static final Set<String> FAILURES = new ConcurrentSkipListSet<>();
    private static volatile FrameScripts.Script script;
    private static Path dir;
    private static ServerProcess server;
    private static Server sdk;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("frame-fuzz");
        sdk = new Server();
        ServerConnector connector = new ServerConnector(sdk);
        connector.setHost("127.0.0.1");
        sdk.addConnector(connector);
        sdk.setHandler(new FakeSdk());
        sdk.start();
        server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, dir.resolve("server"),
                Map.of("RESTATE_WORKER__INVOKER__MESSAGE_SIZE_LIMIT", FrameScripts.MESSAGE_LIMIT / 1024 + " KiB"), "--listen-mode", "tcp");
        for (String mode : List.of("rr", "bidi")) {
            HttpResponse<String> registered = Http.post(server.url("admin") + "/deployments",
                    "{\"uri\":\"http://127.0.0.1:" + connector.getLocalPort() + "/" + mode + "\",\"use_http_11\":true}");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        }
    }

    @AfterContainer
    static void stop() throws Exception {
        System.out.println("FrameFuzzIT: the distinct last_failure messages seen:\n  " + String.join("\n  ", FAILURES));
        if (server != null) {
            server.close();
        }
        if (sdk != null) {
            sdk.stop();
        }
        FuzzFiles.delete(dir);
    }

    @Property(tries = 80)
    void noFrameSequenceLosesAnInvocationOrStopsTheServer(@ForAll("scripts") FrameScripts.Script answer, @ForAll("services") String service)
            throws Exception {
        script = answer;
        ATTEMPTS.set(0);
        String seen = service + " answered with " + answer;
        HttpResponse<String> sent = Http.post(server.url("ingress") + "/" + service + "/fuzz/send", "{}");
        assertThat(sent.statusCode()).as(seen + ": " + sent.body()).isEqualTo(202);
        String id = JSON.readTree(sent.body()).get("invocationId").asText();

        JsonNode row = awaitJudged(id, seen);
        String status = row.path("status").asText();
        if (!status.equals("completed") && !status.equals("suspended")) {
            String failure = row.path("last_failure").asText("");
            assertThat(failure).as(seen + ": " + row).matches("(?s)\\[\\d+] \\S.*"); // the code, then words
            FAILURES.add(failure.length() > 160 ? failure.substring(0, 160) + "..." : failure);
        }

        for (String other : List.of("FzRr", "FzBidi")) { // other invocations keep working meanwhile
            HttpResponse<String> ok = Http.post(server.url("ingress") + "/" + other + "/ok", "{}");
            assertThat(ok.statusCode()).as(seen + ": " + other + "/ok answered " + ok.body()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("\"ok\"");
        }
        HttpResponse<String> killed = Http.patch(server.url("admin") + "/invocations/" + id + "/kill", null);
        assertThat(killed.statusCode()).as(seen + ": kill " + killed.body()).isIn(200, 202, 409);
        assertThat(server.process.isAlive()).as(seen).isTrue();
        for (String listener : List.of("ingress", "admin", "fabric")) {
            RawHttp.assertHealthy(RawHttp.port(server.url(listener)), seen);
        }
    }

    /** The invocation's row once the attempt's outcome is visible: completed, suspended, or a last failure recorded. */
    private static JsonNode awaitJudged(String id, String seen) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        JsonNode row = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = QueryRows.post(server.url("admin"),
                    "SELECT status, last_failure, retry_count FROM sys_invocation WHERE id = '" + id + "'");
            assertThat(answer.statusCode()).as(seen + ": " + answer.body()).isEqualTo(200);
            JsonNode rows = JSON.readTree(answer.body()).get("rows");
            assertThat(rows.size()).as(seen + ": the accepted invocation " + id + " is still there").isEqualTo(1);
            row = rows.get(0);
            String status = row.path("status").asText();
            if (status.equals("completed") || status.equals("suspended") || status.equals("paused")
                    || !row.path("last_failure").asText("").isBlank()) {
                return row;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(seen + ": no outcome within 20 s after " + ATTEMPTS.get() + " attempts: " + row + "\n" + server.errors());
    }

    @Provide
    Arbitrary<FrameScripts.Script> scripts() {
        return FrameScripts.scripts();
    }

    @Provide
    Arbitrary<String> services() {
        return Arbitraries.of("FzRr", "FzBidi");
    }

    /** Discovery for FzRr (request/response) and FzBidi (bidi over HTTP/1.1); {@code ok} answers "ok", {@code fuzz} the script. */
    private static final class FakeSdk extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            boolean bidi = path.startsWith("/bidi");
            if (path.endsWith("/discover")) {
                String manifest = "{\"protocolMode\":\"" + (bidi ? "BIDI_STREAM" : "REQUEST_RESPONSE") + "\",\"minProtocolVersion\":5,"
                        + "\"maxProtocolVersion\":7,\"services\":[{\"name\":\"" + (bidi ? "FzBidi" : "FzRr") + "\",\"ty\":\"SERVICE\","
                        + "\"handlers\":[{\"name\":\"fuzz\"" + JSON_IO + "},{\"name\":\"ok\"" + JSON_IO + "}]}]}";
                response.getHeaders().put("content-type", ManifestCases.V4);
                response.write(true, ByteBuffer.wrap(manifest.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
            String negotiated = request.getHeaders().get("content-type");
            if (!bidi) {
                Content.Source.asByteBuffer(request); // request/response: the whole journal first
            }
            if (path.endsWith("/ok")) {
                byte[] out = FrameScripts.concat(
                        FrameScripts.frame(0x0401, 0, FrameScripts.bytes(14, FrameScripts.bytes(1, "\"ok\"".getBytes(StandardCharsets.UTF_8)))),
                        FrameScripts.frame(0x0003, 0, new byte[0]));
                response.getHeaders().put("content-type", negotiated);
                response.write(true, ByteBuffer.wrap(out), callback);
                return true;
            }
            ATTEMPTS.incrementAndGet();
            FrameScripts.Script answer = script;
            response.setStatus(answer.status());
            response.getHeaders().put("content-type", answer.contentType() == null ? negotiated : answer.contentType());
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
            return true;
        }
    }
}
