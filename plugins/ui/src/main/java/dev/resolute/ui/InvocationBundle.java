package dev.resolute.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.browse.InvocationBrowser;
import dev.resolute.spi.browse.JournalEntryDetail;
import dev.resolute.spi.browse.RowPage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * One invocation exported as one JSON file for a bug report (docs/ui-api.md, {@code /ui/api/invocations/{id}/bundle}):
 * its row, its whole journal with each entry's JSON, the state of its object, its service's admin JSON and this
 * server's version. The UI's bundle viewer opens it offline.
 */
final class InvocationBundle {
    static final String FORMAT = "resolute-invocation-bundle";

    private final WorkerAccess worker;
    private final InvocationsApi invocations;
    private final NodeClient node;
    private final String version;

    InvocationBundle(WorkerAccess worker, InvocationsApi invocations, NodeClient node, String version) {
        this.worker = worker;
        this.invocations = invocations;
        this.node = node;
        this.version = version;
    }

    void routes(UiApi api) {
        api.on("GET", "invocations/{id}/bundle", call -> {
            String id = call.parameter(0);
            return new ApiReply.Download("application/json", id + ".json",
                    UiJson.bytes(bundle(id, Optional.ofNullable(call.request().getHeaders().get("Authorization")))));
        });
    }

    ObjectNode bundle(String id, Optional<String> authorization) {
        ObjectNode invocation = invocations.invocation(id);
        InvocationBrowser browser = worker.browser();
        ObjectNode bundle = UiJson.object().put("format", FORMAT).put("format_version", 1).put("exported_at", Instant.now().toString());
        bundle.putObject("server").put("name", "resolute").put("version", version);
        bundle.set("invocation", invocation);
        bundle.set("journal", journal(browser, id));
        bundle.putArray("events");
        String service = invocation.path("target_service_name").asText();
        JsonNode key = invocation.path("target_service_key");
        if (key.isTextual() && !invocation.path("target_service_ty").asText().equals("service")) {
            bundle.set("state", state(browser, service, key.asText()));
        } else {
            bundle.putNull("state");
        }
        bundle.set("service", service(service, authorization));
        return bundle;
    }

    private static ArrayNode journal(InvocationBrowser browser, String id) {
        ArrayNode journal = UiJson.JSON.createArrayNode();
        int from = 0;
        while (true) {
            RowPage page = browser.journal(id, from, 1000);
            for (Object[] values : page.rows()) {
                ObjectNode row = RowsJson.row(page.columns(), values);
                int index = row.path("index").asInt();
                row.put("entry_json", browser.journalEntry(id, index).map(JournalEntryDetail::entryJson).orElse(null));
                journal.add(row);
            }
            if (page.nextCursor().isEmpty() || page.rows().isEmpty()) {
                return journal;
            }
            from = Integer.parseInt(page.nextCursor().get());
        }
    }

    private static ObjectNode state(InvocationBrowser browser, String service, String key) {
        ObjectNode state = UiJson.object().put("service", service).put("key", key);
        ArrayNode entries = state.putArray("entries");
        StateApi.whole(browser, service, key).forEach((name, value) ->
                entries.addObject().put("key", name).put("value_length", value.length).put("value", Base64.getEncoder().encodeToString(value)));
        return state;
    }

    /** {@code GET /services/{name}} of this node's admin API, as the admin API answers it; null if it cannot be read. */
    private JsonNode service(String name, Optional<String> authorization) {
        Optional<URI> admin = node.base("admin");
        if (admin.isEmpty() || name.isEmpty()) {
            return UiJson.JSON.nullNode();
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(admin.get().resolve("services/" + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(10));
            authorization.ifPresent(value -> request.header("Authorization", value));
            HttpResponse<byte[]> answer = node.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return answer.statusCode() == 200 ? UiJson.JSON.readTree(answer.body()) : UiJson.JSON.nullNode();
        } catch (java.io.IOException e) {
            return UiJson.JSON.nullNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UiJson.JSON.nullNode();
        }
    }
}
