package dev.resolute.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.QueryResult;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /query}: the body, the two answer formats, the status of each error kind, 501 without the sql plugin, streaming. */
class QueryRouteTest {
    @TempDir
    Path dir;
    private AdminNode node;
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch closed = new CountDownLatch(1);

    /** Answers by the query's text: {@code endless} streams rows until closed, an error kind's name fails with it. */
    private final QueryEngine engine = new QueryEngine() {
        @Override
        public QueryResult execute(String sql) {
            for (QueryException.Kind kind : QueryException.Kind.values()) {
                if (sql.equals(kind.name())) {
                    throw new QueryException(kind, "it is " + kind);
                }
            }
            return new FakeResult(sql.equals("endless"));
        }

        @Override
        public QueryResult execute(String sql, List<IntrospectedTable> tables) {
            return execute(sql);
        }
    };

    private final class FakeResult implements QueryResult {
        private final boolean endless;
        private int n;

        FakeResult(boolean endless) {
            this.endless = endless;
        }

        @Override
        public List<TableColumn> columns() {
            return List.of(new TableColumn("name", SqlType.UTF8));
        }

        @Override
        public Object[] nextRow() {
            return endless || n++ < 1 ? new Object[] {"Greeter"} : null;
        }

        @Override
        public void writeArrowStream(OutputStream out) throws IOException {
            out.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // an IPC stream's continuation marker
        }

        @Override
        public void writeJsonRows(OutputStream out) throws IOException {
            out.write("{\"rows\":[".getBytes(StandardCharsets.UTF_8));
            for (Object[] row = nextRow(); row != null; row = nextRow()) {
                out.write(("{\"name\":\"" + row[0] + "\"},").getBytes(StandardCharsets.UTF_8));
            }
            out.write("{}]}".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private HttpResponse<byte[]> query(String path, String body, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.url().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void jsonForAcceptJsonArrowOtherwiseUnprefixedAndVersioned() throws Exception {
        node = AdminNode.start(dir, engine);
        for (String path : List.of("/query", "/v2/query", "/v4/query")) {
            HttpResponse<byte[]> json = query(path, "{\"query\":\"select name from sys_service\"}", "application/json");
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.headers().firstValue("content-type")).contains("application/json");
            assertThat(text(json)).isEqualTo("{\"rows\":[{\"name\":\"Greeter\"},{}]}");
            HttpResponse<byte[]> arrow = query(path, "{\"query\":\"select name from sys_service\"}", null);
            assertThat(arrow.statusCode()).isEqualTo(200);
            assertThat(arrow.headers().firstValue("content-type")).contains("application/vnd.apache.arrow.stream");
            assertThat(arrow.body()).containsExactly(0xff, 0xff, 0xff, 0xff);
        }
        assertThat(query("/query", "{\"query\":\"x\"}", "application/json, text/plain").headers().firstValue("content-type"))
                .as("only exactly application/json gets JSON").contains("application/vnd.apache.arrow.stream");
    }

    @Test
    void errorKindsMapToStatuses() throws Exception {
        node = AdminNode.start(dir, engine);
        record Expected(String kind, int status) {
        }
        for (Expected e : List.of(new Expected("INVALID", 400), new Expected("UNSUPPORTED", 400), new Expected("RESOURCES_EXHAUSTED", 400),
                new Expected("BUSY", 429), new Expected("FAILED", 500))) {
            HttpResponse<byte[]> reply = query("/v4/query", "{\"query\":\"" + e.kind() + "\"}", "application/json");
            assertThat(reply.statusCode()).as(e.kind()).isEqualTo(e.status());
            assertThat(reply.headers().firstValue("content-type")).contains("application/json");
            assertThat(text(reply)).isEqualTo("{\"message\":\"it is " + e.kind() + "\",\"restate_code\":null}");
        }
        assertThat(query("/query", "{\"query\":\"BUSY\"}", null).headers().firstValue("retry-after")).contains("1");
    }

    @Test
    void aBadBodyIsA400JsonError() throws Exception {
        node = AdminNode.start(dir, engine);
        for (String body : List.of("not json", "{}", "{\"query\":42}", "[]", "")) {
            HttpResponse<byte[]> reply = query("/query", body, "application/json");
            assertThat(reply.statusCode()).as(body).isEqualTo(400);
            assertThat(text(reply)).startsWith("{\"message\":\"The body must be a JSON object {\\\"query\\\": \\\"<SQL>\\\"}")
                    .endsWith(",\"restate_code\":null}");
        }
    }

    @Test
    void withoutTheSqlPluginQueryIs501NamingThePlugin() throws Exception {
        node = AdminNode.start(dir);
        HttpResponse<byte[]> reply = query("/v4/query", "{\"query\":\"select 1\"}", "application/json");
        assertThat(reply.statusCode()).isEqualTo(501);
        assertThat(reply.headers().firstValue("content-type")).contains("application/json");
        assertThat(text(reply)).contains("install the sql plugin (the folder plugins/sql of the distribution)");
    }

    @Test
    void aClientThatLeavesClosesTheResult() throws Exception {
        node = AdminNode.start(dir, engine);
        HttpResponse<InputStream> reply = http.send(HttpRequest.newBuilder(node.url().resolve("/query"))
                .header("accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"endless\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(reply.statusCode()).isEqualTo(200);
        try (InputStream body = reply.body()) {
            assertThat(new String(body.readNBytes(200_000), StandardCharsets.UTF_8)).startsWith("{\"rows\":[{\"name\":\"Greeter\"}");
        }
        assertThat(closed.await(20, TimeUnit.SECONDS)).as("the endless result was closed when the client left").isTrue();
    }
}
