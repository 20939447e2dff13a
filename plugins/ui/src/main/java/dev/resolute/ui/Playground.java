package dev.resolute.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The playground's relay ({@code POST /ui/api/playground/{service}/{handler}}): the browser talks only to the admin
 * port, so the admin calls this node's ingress for it and answers what the ingress answered, whatever its status,
 * with how long it took.
 */
final class Playground {
    /** The most the relay reads of a request body: as much as the ingress accepts by default. */
    static final int MAX_BODY = 32 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> PASSED_ON = List.of("content-type", "idempotency-key");

    private final NodeClient node;

    Playground(NodeClient node) {
        this.node = node;
    }

    void routes(UiApi api) {
        api.on("POST", "playground/{service}/{handler}", this::call);
    }

    private ApiReply call(ApiCall call) {
        boolean send = call.flag("send");
        Optional<String> key = call.text("key");
        URI ingress = node.base("ingress").orElseThrow(() -> new ApiException(503,
                "This node runs no ingress reachable over HTTP (its roles do not include \"http-ingress\", or it listens on a Unix socket only),"
                        + " so the playground cannot call handlers here"));
        String path = segment(call.parameter(0)) + key.map(k -> "/" + segment(k)).orElse("") + "/" + segment(call.parameter(1))
                + (send ? "/send" : "");
        HttpRequest.Builder request = HttpRequest.newBuilder(ingress.resolve(path)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body(MAX_BODY)));
        for (String header : PASSED_ON) {
            Optional.ofNullable(call.request().getHeaders().get(header)).ifPresent(value -> request.header(header, value));
        }
        long started = System.nanoTime();
        return new ApiReply.Later(node.client().sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((answer, failure) -> {
                    if (failure != null) {
                        throw new ApiException(502, "The ingress at " + ingress + " did not answer: " + failure.getMessage());
                    }
                    return ApiReply.ok(answer(answer, (System.nanoTime() - started) / 1_000_000));
                }));
    }

    private static ObjectNode answer(HttpResponse<byte[]> answer, long millis) {
        ObjectNode body = UiJson.object().put("status", answer.statusCode());
        ObjectNode headers = body.putObject("headers");
        answer.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", values)));
        return body.put("body", new String(answer.body(), StandardCharsets.UTF_8)).put("duration_ms", millis);
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
