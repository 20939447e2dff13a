package dev.resolute.ui;

import static dev.resolute.ui.InvocationsApiTest.json;
import static dev.resolute.ui.InvocationsApiTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The playground relays a call to this node's ingress and answers what the ingress answered. */
class PlaygroundTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer ingress;

    @BeforeEach
    void startIngress() throws Exception {
        ingress = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingress.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " " + body + " "
                    + exchange.getRequestHeaders().getFirst("content-type") + " " + exchange.getRequestHeaders().getFirst("idempotency-key"));
            byte[] answer = exchange.getRequestURI().getRawPath().contains("fail") ? "{\"message\":\"boom\"}".getBytes(StandardCharsets.UTF_8)
                    : ("\"hello " + body + "\"").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestURI().getRawPath().contains("fail") ? 500 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        ingress.start();
    }

    @AfterEach
    void stopIngress() {
        ingress.stop(0);
    }

    @Test
    void aCallIsRelayedWithItsHeadersAndTheAnswerComesBackWhateverItsStatus() throws Exception {
        try (UiNode node = new UiNode(new FakeSchemas()).ingress("http://127.0.0.1:" + ingress.getAddress().getPort() + "/").start()) {
            HttpResponse<String> call = node.http.send(HttpRequest.newBuilder(node.url("/ui/api/playground/Greeter/greet"))
                    .header("content-type", "application/json").header("idempotency-key", "k1")
                    .POST(HttpRequest.BodyPublishers.ofString("\"ann\"")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = json(call, 200);
            assertThat(answer.get("status").asInt()).isEqualTo(200);
            assertThat(answer.get("body").asText()).isEqualTo("\"hello \"ann\"\"");
            assertThat(answer.get("headers").get("content-type").asText()).isEqualTo("application/json");
            assertThat(answer.get("duration_ms").asLong()).isNotNegative();
            assertThat(received).containsExactly("POST /Greeter/greet \"ann\" application/json k1");

            JsonNode sent = json(node.send("POST", "/ui/api/playground/Counter/add?key=a%2Fb&send=true", "1"), 200);
            assertThat(sent.get("status").asInt()).isEqualTo(200);
            assertThat(received.get(1)).startsWith("POST /Counter/a%2Fb/add/send 1");

            JsonNode failed = json(node.send("POST", "/ui/api/playground/Greeter/fail", ""), 200);
            assertThat(failed.get("status").asInt()).isEqualTo(500);
            assertThat(failed.get("body").asText()).isEqualTo("{\"message\":\"boom\"}");
        }
    }

    @Test
    void withoutAnIngressItSaysSo() throws Exception {
        try (UiNode node = new UiNode(new FakeSchemas()).start()) {
            assertThat(message(node.send("POST", "/ui/api/playground/Greeter/greet", ""), 503)).contains("no ingress");
        }
        try (UiNode node = new UiNode(new FakeSchemas()).ingress("unix:/tmp/ingress.sock").start()) {
            assertThat(message(node.send("POST", "/ui/api/playground/Greeter/greet", ""), 503)).contains("no ingress");
        }
        try (UiNode node = new UiNode(new FakeSchemas()).ingress("http://127.0.0.1:1/").start()) {
            assertThat(message(node.send("POST", "/ui/api/playground/Greeter/greet", ""), 502)).contains("did not answer");
        }
    }
}
