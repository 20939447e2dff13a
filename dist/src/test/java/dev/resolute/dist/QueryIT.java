package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /query} on the real bundle with the TypeScript services registered: JSON rows and an Arrow stream over
 * the registry's tables, the official CLI's {@code restate sql} reading that stream, and a bundle without the sql
 * plugin answering 501.
 */
class QueryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private static HttpResponse<byte[]> query(String admin, String sql, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin + "/v4/query"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", sql))));
        if (accept != null) {
            request.header("accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void jsonArrowAndTheCliOverTheRegistryTables() throws Exception {
        try (SdkServices services = SdkServices.typescript(false, tmp.resolve("exec.log"));
             ServerProcess server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp")) {
            String admin = server.url("admin");
            SdkEngine.register(server, services, false);

            HttpResponse<byte[]> rows = query(admin, "select name, ty, revision, public from sys_service where name in ('Flow', 'Tally') order by name",
                    "application/json");
            assertThat(rows.statusCode()).as(new String(rows.body())).isEqualTo(200);
            assertThat(rows.headers().firstValue("content-type")).contains("application/json");
            assertThat(new String(rows.body())).isEqualTo("{\"rows\":[{\"name\":\"Flow\",\"ty\":\"service\",\"revision\":1,\"public\":true},"
                    + "{\"name\":\"Tally\",\"ty\":\"virtual_object\",\"revision\":1,\"public\":true}]}");

            JsonNode deployment = JSON.readTree(query(admin, "SELECT id, ty, endpoint, created_at, min_service_protocol_version,"
                    + " max_service_protocol_version, services FROM sys_deployment", "application/json").body()).get("rows").get(0);
            assertThat(deployment.get("id").textValue()).startsWith("dp_");
            assertThat(deployment.get("ty").textValue()).isEqualTo("http");
            assertThat(deployment.get("endpoint").textValue()).as("the registered URI, as the admin API shows it").isEqualTo(services.uri().replaceAll("/?$", "/"));
            assertThat(deployment.get("created_at").textValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(deployment.get("max_service_protocol_version").intValue()).isGreaterThanOrEqualTo(5);
            assertThat(deployment.get("services")).extracting(JsonNode::textValue).contains("Flow", "Tally");

            HttpResponse<byte[]> arrow = query(admin, "select count(*) from sys_service", null);
            assertThat(arrow.statusCode()).isEqualTo(200);
            assertThat(arrow.headers().firstValue("content-type")).contains("application/vnd.apache.arrow.stream");
            byte[] body = arrow.body();
            assertThat(Arrays.copyOf(body, 4)).as("an IPC stream message").containsExactly(0xff, 0xff, 0xff, 0xff);
            assertThat(Arrays.copyOfRange(body, body.length - 8, body.length)).as("the end-of-stream marker")
                    .containsExactly(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0);

            HttpResponse<byte[]> unknown = query(admin, "select * from sys_nope", "application/json");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(new String(unknown.body())).contains("'sys_nope' not found").contains("The tables are: ")
                    .contains("sys_deployment").contains("sys_service").contains("sys_invocation_status").contains("information_schema.columns");

            // the official CLI reads the Arrow stream and prints a table
            String table = cli(admin, "sql", "select name, ty from sys_service order by name");
            assertThat(table).contains("Flow", "Tally", "virtual_object");
            assertThat(cli(admin, "sql", "select count(*) as n from sys_deployment")).contains("1");
        }
    }

    @Test
    void aBundleWithoutTheSqlPluginAnswers501() throws Exception {
        Path slim = tmp.resolve("slim");
        CustomBundleIT.copyWithout(ServerProcess.DEFAULT_BUNDLE, slim, "plugins/sql");
        try (ServerProcess server = ServerProcess.startHealthy(slim, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp")) {
            HttpResponse<byte[]> reply = query(server.url("admin"), "select 1", "application/json");
            assertThat(reply.statusCode()).isEqualTo(501);
            assertThat(new String(reply.body())).startsWith("{\"message\":\"This node has no SQL engine: install the sql plugin (the folder"
                    + " plugins/sql of the distribution)").endsWith("\"restate_code\":null}");
        }
    }

    /** The plugin's keys live in Restate's section [admin.query-engine]; the kernel checks them before anything starts. */
    @Test
    void badQueryEngineSettingsAreRefusedNamingTheKey() throws Exception {
        ServerProcess refused = ServerProcess.start(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("refused"),
                Map.of("RESTATE_ADMIN__QUERY_ENGINE__MAX_CONCURRENT_QUERIES", "0", "RESTATE_ADMIN__QUERY_ENGINE__MEMORY_SIZE", "lots"), "--no-logo");
        try (refused) {
            assertThat(refused.awaitExit()).isEqualTo(2);
            assertThat(refused.errors()).contains("admin.query-engine.max-concurrent-queries = \"0\" (env RESTATE_ADMIN__QUERY_ENGINE__MAX_CONCURRENT_QUERIES): expected an integer 1-1000")
                    .contains("admin.query-engine.memory-size = \"lots\" (env RESTATE_ADMIN__QUERY_ENGINE__MEMORY_SIZE): expected a size");
        }
    }

    private String cli(String adminUrl, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(SdkServices.TYPESCRIPT.resolve("node_modules/.bin/restate").toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(tmp, "cli", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("RESTATE_ADMIN_URL", adminUrl);
        builder.environment().put("RESTATE_CLI_CONFIG_HOME", tmp.toString());
        builder.environment().put("HOME", tmp.toString());
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("restate " + String.join(" ", args) + " finished").isTrue();
        String text = Files.readString(output);
        assertThat(process.exitValue()).as("restate " + String.join(" ", args) + ":\n" + text).isZero();
        return text;
    }
}
