package dev.resolute.ui;

import static dev.resolute.ui.InvocationsApiTest.json;
import static dev.resolute.ui.InvocationsApiTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A page of another site cannot make a visitor's browser change anything through the UI API; the UI's own page can. */
class CrossOriginTest {
    @Test
    void changesFromAnotherOriginAreRefusedAndReadsAndSameOriginChangesPass() throws Exception {
        FakeWorker worker = new FakeWorker().invocation("inv_1", "Greeter", "greet", null, "running", Instant.EPOCH);
        try (UiNode node = worker.node(new FakeSchemas()).start()) {
            String batch = "{\"operation\":\"kill\",\"ids\":[\"inv_1\"]}";
            assertThat(message(post(node, "http://evil.example", batch), 403)).contains("http://evil.example");
            assertThat(message(post(node, "null", batch), 403)).contains("another site");
            assertThat(message(post(node, node.url("").toString().replace("127.0.0.1:", "127.0.0.1:1"), batch), 403)).contains("another site");
            assertThat(worker.controlled).isEmpty();
            json(post(node, node.url("").toString().replaceAll("/$", ""), batch), 202);
            json(post(node, "https://127.0.0.1", batch), 202); // the page behind a TLS proxy: same host, no port named
            HttpResponse<String> read = node.http.send(HttpRequest.newBuilder(node.url("/ui/api/invocations")).header("Origin", "http://evil.example")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as("reads are not refused: without CORS headers the other site cannot see the answer").isEqualTo(200);
        }
    }

    private static HttpResponse<String> post(UiNode node, String origin, String body) throws Exception {
        return node.http.send(HttpRequest.newBuilder(node.url("/ui/api/batch")).header("Origin", origin).header("content-type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
