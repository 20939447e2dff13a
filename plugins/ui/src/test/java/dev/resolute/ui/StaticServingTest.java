package dev.resolute.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UI's files and page: redirects, hashed names and their caching, the import map, the SPA fallback, headers. */
class StaticServingTest {
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private UiNode node;

    @BeforeEach
    void start() throws Exception {
        node = new UiNode(new FakeSchemas()).start();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void theRootAndUiRedirectToUiSlashKeepingTheQuery() throws Exception {
        HttpResponse<String> root = node.get("/");
        assertThat(root.statusCode()).isEqualTo(308);
        assertThat(root.headers().firstValue("location")).hasValue("/ui/");
        HttpResponse<String> ui = node.get("/ui?status=failed&service=Greeter");
        assertThat(ui.statusCode()).isEqualTo(308);
        assertThat(ui.headers().firstValue("location")).hasValue("/ui/?status=failed&service=Greeter");
    }

    @Test
    void thePageMapsEveryModuleToItsHashedNameAndIsNotCached() throws Exception {
        HttpResponse<String> page = node.get("/ui/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        JsonNode imports = UiJson.JSON.readTree(importMap(page.body())).get("imports");
        assertThat(imports.get("preact").asText()).matches("/ui/vendor/preact\\.[0-9a-f]{10}\\.mjs");
        assertThat(imports.get("preact/hooks").asText()).matches("/ui/vendor/hooks\\.[0-9a-f]{10}\\.mjs");
        assertThat(imports.get("htm").asText()).matches("/ui/vendor/htm\\.[0-9a-f]{10}\\.mjs");
        assertThat(imports.get("/ui/js/app.js").asText()).matches("/ui/js/app\\.[0-9a-f]{10}\\.js");
        assertThat(imports.get("/ui/js/router.js").asText()).matches("/ui/js/router\\.[0-9a-f]{10}\\.js");
        assertThat(page.body()).contains("<script type=\"module\" src=\"" + imports.get("/ui/js/app.js").asText() + "\"></script>")
                .containsPattern("<link rel=\"stylesheet\" href=\"/ui/css/app\\.[0-9a-f]{10}\\.css\">")
                .doesNotContain("<!--resolute:");
    }

    @Test
    void thePolicyAllowsOnlyTheImportMapInline() throws Exception {
        HttpResponse<String> page = node.get("/ui/");
        String policy = page.headers().firstValue("content-security-policy").orElseThrow();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(importMap(page.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(policy).contains("script-src 'self' 'sha256-" + hash + "'").doesNotContain("unsafe-inline").contains("object-src 'none'");
    }

    @Test
    void hashedFilesAreCachedForAYearWithTheirContentType() throws Exception {
        JsonNode imports = UiJson.JSON.readTree(importMap(node.get("/ui/").body())).get("imports");
        HttpResponse<String> app = node.get(imports.get("/ui/js/app.js").asText());
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(app.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
        assertThat(app.body()).contains("import");
        HttpResponse<String> preact = node.get(imports.get("preact").asText());
        assertThat(preact.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        String css = matched(node.get("/ui/").body(), "href=\"(/ui/css/app\\.[0-9a-f]{10}\\.css)\"");
        assertThat(node.get(css).headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void aStaleHashOrAnUnknownFileIsAJson404() throws Exception {
        for (String path : new String[] {"/ui/js/app.0123456789.js", "/ui/css/nothing.css", "/ui/vendor/preact.ffffffffff.mjs"}) {
            HttpResponse<String> stale = node.get(path);
            assertThat(stale.statusCode()).as(path).isEqualTo(404);
            assertThat(stale.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(UiJson.JSON.readTree(stale.body()).get("message").asText()).contains(path).contains("reload");
        }
    }

    @Test
    void everyOtherPathIsThePageSoTheBrowserRoutesIt() throws Exception {
        String page = node.get("/ui/").body();
        for (String path : new String[] {"/ui/invocations", "/ui/invocations/inv_1abc", "/ui/state/Counter/my.key.js", "/ui/nowhere"}) {
            HttpResponse<String> answer = node.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.body()).as(path).isEqualTo(page);
        }
    }

    @Test
    void filesAreGzippedForClientsThatAcceptIt() throws Exception {
        HttpResponse<byte[]> zipped = node.http.send(java.net.http.HttpRequest.newBuilder(node.url("/ui/")).header("accept-encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
        String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unzipped).isEqualTo(node.get("/ui/").body());
    }

    @Test
    void aRevalidatedPageIsNotSentAgain() throws Exception {
        String tag = node.get("/ui/").headers().firstValue("etag").orElseThrow();
        assertThat(node.get("/ui/", "If-None-Match", tag).statusCode()).isEqualTo(304);
    }

    @Test
    void onlyGetAndHeadReadFiles() throws Exception {
        HttpResponse<String> post = node.send("POST", "/ui/", "{}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    private static String importMap(String page) {
        return matched(page, IMPORT_MAP.pattern());
    }

    private static String matched(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
