package dev.resolute.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.http.WebUi;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin listener hands /, /ui and /ui/* to the ui plugin, unless it is missing or admin.disable-web-ui is true. */
class WebUiOnAdminTest {
    /** Answers with the path it was handed, so the test sees what reached it. */
    private static final WebUi ECHO = (request, response, callback) -> {
        response.write(true, ByteBuffer.wrap(("ui saw " + request.getHttpURI().getPathQuery()).getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    };

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theUiGetsTheRootAndEverythingUnderUiAndTheAdminApiTheRest() throws Exception {
        try (AdminNode node = AdminNode.start(dir, ECHO, Map.of())) {
            assertThat(get(node, "/").body()).isEqualTo("ui saw /");
            assertThat(get(node, "/ui").body()).isEqualTo("ui saw /ui");
            assertThat(get(node, "/ui/invocations?status=failed").body()).isEqualTo("ui saw /ui/invocations?status=failed");
            assertThat(get(node, "/ui/api/summary").body()).isEqualTo("ui saw /ui/api/summary");
            assertThat(get(node, "/uix").statusCode()).isEqualTo(404);
            assertThat(get(node, "/uix").body()).contains("no admin API route");
            assertThat(get(node, "/health").statusCode()).isEqualTo(200);
            assertThat(get(node, "/deployments").body()).contains("\"deployments\"");
        }
    }

    @Test
    void disabledTheUiPathsAnswerA404SayingWhy() throws Exception {
        try (AdminNode node = AdminNode.start(dir, ECHO, Map.of("disable-web-ui", "true"))) {
            HttpResponse<String> ui = get(node, "/ui/");
            assertThat(ui.statusCode()).isEqualTo(404);
            assertThat(ui.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(ui.body()).contains("admin.disable-web-ui is true");
            assertThat(get(node, "/ui").body()).contains("admin.disable-web-ui is true");
            assertThat(get(node, "/").body()).contains("no admin API route"); // the admin API's own answer, as without a UI
        }
    }

    @Test
    void withoutThePluginTheUiPathsAnswerA404NamingIt() throws Exception {
        try (AdminNode node = AdminNode.start(dir)) {
            HttpResponse<String> ui = get(node, "/ui/invocations");
            assertThat(ui.statusCode()).isEqualTo(404);
            assertThat(ui.body()).contains("the plugin 'ui' is not installed").startsWith("{\"message\":");
        }
    }

    private HttpResponse<String> get(AdminNode node, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(node.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
