package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default bundle serves the web UI on the admin port; admin.disable-web-ui turns it off, in restate.toml or the environment. */
class WebUiServingIT {
    @TempDir
    Path tmp;

    @Test
    void theAdminPortServesTheUiFromThePluginJar() throws Exception {
        try (ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp, Map.of())) {
            String admin = server.url("admin");
            HttpResponse<String> root = Http.get(admin + "/");
            assertThat(root.statusCode()).isEqualTo(308);
            assertThat(root.headers().firstValue("location")).hasValue("/ui/");
            HttpResponse<String> page = Http.get(admin + "/ui/invocations?status=failed");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("cache-control")).hasValue("no-cache");
            Matcher app = Pattern.compile("<script type=\"module\" src=\"(/ui/js/app\\.[0-9a-f]{10}\\.js)\">").matcher(page.body());
            assertThat(app.find()).as(page.body()).isTrue();
            HttpResponse<String> script = Http.get(admin + app.group(1));
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
            assertThat(script.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
            assertThat(Http.get(admin + "/deployments").body()).as("the admin API beside it").contains("\"deployments\"");
        }
    }

    @Test
    void disableWebUiInRestateTomlTurnsItOffSayingWhy() throws Exception {
        Path toml = Files.writeString(tmp.resolve("restate.toml"), "[admin]\ndisable-web-ui = true\n");
        try (ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp, Map.of(), "-c", toml.toString())) {
            HttpResponse<String> ui = Http.get(server.url("admin") + "/ui/");
            assertThat(ui.statusCode()).isEqualTo(404);
            assertThat(ui.body()).contains("admin.disable-web-ui is true");
            assertThat(Files.readString(server.stdout)).as("a key with effect: no warning").doesNotContain("disable-web-ui (");
        }
    }

    @Test
    void disableWebUiFromTheEnvironmentToo() throws Exception {
        try (ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp, Map.of("RESTATE_ADMIN__DISABLE_WEB_UI", "true"))) {
            assertThat(Http.get(server.url("admin") + "/ui/").body()).contains("admin.disable-web-ui is true");
        }
    }
}
