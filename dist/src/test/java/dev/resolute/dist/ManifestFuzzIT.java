package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Registering a deployment whose discovery answer is broken (a fake deployment in the test answers each
 * registration with a generated manifest: not JSON, missing fields, wrong types, invalid names, unsupported
 * protocol ranges, unknown fields, huge, a wrong content type or status) is a 4xx with a {@code META…} code and a
 * message that names the problem, never a 5xx, and the server stays healthy.
 */
class ManifestFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ManifestCases.Case> CASES = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static Path dir;
    private static ServerProcess server;
    private static Server deployment;
    private static int deploymentPort;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("manifest-fuzz");
        deployment = new Server();
        ServerConnector connector = new ServerConnector(deployment);
        connector.setHost("127.0.0.1");
        deployment.addConnector(connector);
        deployment.setHandler(new Discovery());
        deployment.start();
        deploymentPort = connector.getLocalPort();
        server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, dir.resolve("server"), Map.of(), "--listen-mode", "tcp");
    }

    @AfterContainer
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (deployment != null) {
            deployment.stop();
        }
        FuzzFiles.delete(dir);
    }

    @Property(tries = 150)
    void aBrokenManifestIsA4xxNamingTheProblem(@ForAll("cases") ManifestCases.Case broken) throws Exception {
        String id = "d" + NEXT.incrementAndGet();
        CASES.put(id, broken);
        String admin = server.url("admin");
        HttpResponse<String> answer = Http.post(admin + "/deployments",
                "{\"uri\":\"http://127.0.0.1:" + deploymentPort + "/" + id + "\",\"use_http_11\":true}");
        String seen = broken + " -> " + answer.statusCode() + " " + brief(answer.body());
        assertThat(answer.statusCode()).as(seen).isBetween(400, 499);
        assertThat(answer.headers().firstValue("content-type").orElse("")).as(seen).startsWith("application/json");
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("restate_code").asText()).as(seen).matches("META\\d{4}");
        String message = error.path("message").asText().toLowerCase(Locale.ROOT);
        assertThat(broken.mentions()).as(seen + ": the message names the problem")
                .anyMatch(word -> message.contains(word.toLowerCase(Locale.ROOT)));
        for (String service : java.util.List.of("ingress", "admin", "fabric")) {
            RawHttp.assertHealthy(RawHttp.port(server.url(service)), seen);
        }
        CASES.remove(id);
    }

    @Provide
    Arbitrary<ManifestCases.Case> cases() {
        return ManifestCases.cases();
    }

    private static String brief(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    /** {@code GET /<id>/discover} answers the case registered under {@code id}. */
    private static final class Discovery extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            ManifestCases.Case answer = CASES.get(path.split("/")[1]);
            if (answer == null || !path.endsWith("/discover")) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            response.setStatus(answer.status());
            if (answer.contentType() != null) {
                response.getHeaders().put("content-type", answer.contentType());
            }
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
            return true;
        }
    }
}
