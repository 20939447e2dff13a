package dev.resolute.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.spi.browse.JournalEntryDetail;
import dev.resolute.spi.schema.ServiceType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The invocation routes of docs/ui-api.md over an in-memory worker: shapes, paging, parameters, 404s, downloads, bundles. */
class InvocationsApiTest {
    private final FakeWorker worker = new FakeWorker();
    private UiNode node;

    @BeforeEach
    void start() throws Exception {
        for (int i = 0; i < 7; i++) {
            worker.invocation("inv_" + i, i % 2 == 0 ? "Greeter" : "Counter", "greet", i % 2 == 0 ? null : "k" + i,
                    i < 3 ? "succeeded" : "running", Instant.parse("2026-12-03T16:00:00Z").plusSeconds(i));
        }
        node = worker.node(new FakeSchemas().deployment("dp_1", Map.of("Greeter", ServiceType.SERVICE, "Counter", ServiceType.VIRTUAL_OBJECT)))
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void pagesRunNewestFirstWithAKeysetCursorUntilNull() throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(node.get("/ui/api/invocations?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)), 200);
            page.get("rows").forEach(row -> ids.add(row.get("id").asText()));
            assertThat(page.has("scanned")).isTrue();
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        assertThat(ids).containsExactly("inv_6", "inv_5", "inv_4", "inv_3", "inv_2", "inv_1", "inv_0");
    }

    @Test
    void rowsAreKeyedByColumnWithIsoTimestampsAndFiltersApply() throws Exception {
        JsonNode page = json(node.get("/ui/api/invocations?status=running&service=Counter&service=Other"), 200);
        assertThat(page.get("rows")).hasSize(2);
        JsonNode row = page.get("rows").get(0);
        assertThat(row.get("id").asText()).isEqualTo("inv_5");
        assertThat(row.get("created_at").asText()).isEqualTo("2026-12-03T16:00:05Z");
        assertThat(row.get("target_service_key").asText()).isEqualTo("k5");
        assertThat(row.get("completion_failure").isNull()).isTrue();
        assertThat(json(node.get("/ui/api/invocations/count?status=succeeded"), 200).get("count").asLong()).isEqualTo(3);
    }

    @Test
    void badParametersAre400sNamingThem() throws Exception {
        assertThat(message(node.get("/ui/api/invocations?status=done"), 400)).contains("'status'").contains("done");
        assertThat(message(node.get("/ui/api/invocations?limit=0"), 400)).contains("'limit'");
        assertThat(message(node.get("/ui/api/invocations?limit=1001"), 400)).contains("'limit'");
        assertThat(message(node.get("/ui/api/invocations?created_from=yesterday"), 400)).contains("'created_from'");
        assertThat(message(node.get("/ui/api/invocations/inv_1/journal?limit=5000"), 400)).contains("'limit'");
        assertThat(message(node.get("/ui/api/invocations/inv_1/journal/x"), 400)).contains("'index'");
        assertThat(message(node.get("/ui/api/errors?buckets=0"), 400)).contains("'buckets'");
    }

    @Test
    void oneInvocationOrA404() throws Exception {
        assertThat(json(node.get("/ui/api/invocations/inv_2"), 200).get("invocation").get("target_service_name").asText()).isEqualTo("Greeter");
        assertThat(message(node.get("/ui/api/invocations/inv_nope"), 404)).contains("inv_nope");
        assertThat(message(node.get("/ui/api/invocations/inv_nope/journal"), 404)).contains("inv_nope");
        assertThat(message(node.get("/ui/api/nothing"), 404)).contains("/ui/api/nothing");
        HttpResponse<String> wrongMethod = node.send("DELETE", "/ui/api/invocations/inv_2", "");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("allow")).hasValue("GET");
    }

    @Test
    void journalWindowsEntriesAndValues() throws Exception {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 'a');
        big[InvocationsApi.PREVIEW - 1] = (byte) 0xC3; // a two-byte character cut by the preview
        big[InvocationsApi.PREVIEW] = (byte) 0xA9;
        List<JournalEntryDetail> entries = new ArrayList<>();
        entries.add(new JournalEntryDetail(0, "Command: Input", "{\"Command\":{\"Input\":{}}}", Optional.of("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8))));
        entries.add(new JournalEntryDetail(1, "Command: Run", "{\"Command\":{\"Run\":{}}}", Optional.of(big)));
        entries.add(new JournalEntryDetail(2, "Command: Sleep", "not json", Optional.empty()));
        worker.journals.put("inv_1", entries);

        JsonNode window = json(node.get("/ui/api/invocations/inv_1/journal?from=1&limit=1"), 200);
        assertThat(window.get("rows").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(window.get("rows").get(0).get("entry_lite_json").asText()).isEqualTo("{\"index\":1}");
        assertThat(window.get("next_cursor").asText()).isEqualTo("2");

        JsonNode input = json(node.get("/ui/api/invocations/inv_1/journal/0"), 200);
        assertThat(input.get("entry_type").asText()).isEqualTo("Command: Input");
        assertThat(input.get("entry").get("Command").has("Input")).isTrue();
        assertThat(input.get("value_preview").asText()).isEqualTo("{\"name\":\"x\"}");
        assertThat(input.get("value_truncated").asBoolean()).isFalse();

        JsonNode run = json(node.get("/ui/api/invocations/inv_1/journal/1"), 200);
        assertThat(run.get("value_length").asInt()).isEqualTo(100_000);
        assertThat(run.get("value_truncated").asBoolean()).isTrue();
        assertThat(run.get("value_preview").asText()).hasSize(InvocationsApi.PREVIEW - 1).matches("a+");

        JsonNode sleep = json(node.get("/ui/api/invocations/inv_1/journal/2"), 200);
        assertThat(sleep.get("entry").asText()).isEqualTo("not json");
        assertThat(sleep.get("value_length").isNull()).isTrue();

        HttpResponse<byte[]> value = node.getBytes("/ui/api/invocations/inv_1/journal/1/value");
        assertThat(value.statusCode()).isEqualTo(200);
        assertThat(value.body()).isEqualTo(big);
        assertThat(value.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(value.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"inv_1-1.bin\"");
        assertThat(message(node.get("/ui/api/invocations/inv_1/journal/2/value"), 404)).contains("carries no value");
        assertThat(message(node.get("/ui/api/invocations/inv_1/journal/9"), 404)).contains("no journal entry 9");
    }

    @Test
    void aBundleHoldsTheRowTheJournalAndTheObjectsState() throws Exception {
        worker.journals.put("inv_3", List.of(new JournalEntryDetail(0, "Command: Input", "{\"Command\":{}}", Optional.empty())));
        TreeMap<String, byte[]> state = new TreeMap<>();
        state.put("count", "3".getBytes(StandardCharsets.UTF_8));
        worker.states.put("Counter/k3", state);
        HttpResponse<String> answer = node.get("/ui/api/invocations/inv_3/bundle");
        assertThat(answer.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"inv_3.json\"");
        JsonNode bundle = json(answer, 200);
        assertThat(bundle.get("format").asText()).isEqualTo("resolute-invocation-bundle");
        assertThat(bundle.get("format_version").asInt()).isEqualTo(1);
        assertThat(bundle.get("server").get("name").asText()).isEqualTo("resolute");
        assertThat(bundle.get("invocation").get("id").asText()).isEqualTo("inv_3");
        assertThat(bundle.get("journal").get(0).get("entry_json").asText()).isEqualTo("{\"Command\":{}}");
        assertThat(bundle.get("events")).isEmpty();
        assertThat(bundle.get("state").get("key").asText()).isEqualTo("k3");
        assertThat(bundle.get("state").get("entries").get(0).get("value").asText()).isEqualTo("Mw==");
        assertThat(bundle.get("service").isNull()).as("no admin listener in this test").isTrue();
        assertThat(json(node.get("/ui/api/invocations/inv_2/bundle"), 200).get("state").isNull()).as("a plain service has none").isTrue();
    }

    @Test
    void summaryErrorsAndDrainedDeployments() throws Exception {
        JsonNode summary = json(node.get("/ui/api/summary"), 200);
        assertThat(summary.get("counts").get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(summary.get("last_day").get(0).get("start").asText()).isEqualTo("2026-12-03T15:00:00Z");
        JsonNode errors = json(node.get("/ui/api/errors?from=2026-12-03T00:00:00Z&to=2026-12-03T12:00:00Z&buckets=12"), 200);
        assertThat(errors.get("from").asText()).isEqualTo("2026-12-03T00:00:00Z");
        JsonNode group = errors.get("groups").get(0);
        assertThat(group.get("buckets")).hasSize(12);
        assertThat(group.get("error_code").asText()).isEqualTo("500");
        assertThat(group.get("last_seen").asText()).isEqualTo("2026-12-03T11:59:59Z");
        assertThat(json(node.get("/ui/api/deployments/drained"), 200).get("ids")).isEmpty();
    }

    static JsonNode json(HttpResponse<String> answer, int status) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return UiJson.JSON.readTree(answer.body());
    }

    static String message(HttpResponse<String> answer, int status) throws Exception {
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
        return json(answer, status).get("message").asText();
    }
}
