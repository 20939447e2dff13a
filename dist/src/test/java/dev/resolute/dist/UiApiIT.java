package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web UI's JSON API (docs/ui-api.md) on the real server with TypeScript SDK services: invocation pages, a journal
 * window, a batch cancel over a filter, a state edit with the optimistic version, the playground, and the live stream.
 */
class UiApiIT extends SdkEngine {
    private static final ObjectMapper JSON = new ObjectMapper();

    UiApiIT() {
        super(Sdk.TYPESCRIPT, Mode.BIDI, "Flow", "Tally");
    }

    private String api(String path) {
        return admin + "/ui/api/" + path;
    }

    private static JsonNode json(HttpResponse<String> answer, int status) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    private String sendFlow(String handler, String body) throws Exception {
        return json(Http.post(ingress + "/Flow/" + handler + "/send", body), 202).get("invocationId").asText();
    }

    @Test
    void invocationsArePagedNewestFirstUntilTheCursorIsNull() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sent.add(json(Http.post(ingress + "/Flow/steps/send", "\"page" + i + "\""), 202).get("invocationId").asText());
        }
        Await.until(() -> json(Http.get(api("invocations/count?service=Flow&handler=steps&status=succeeded")), 200).get("count").asLong() >= 7,
                "7 steps invocations succeeded");
        List<String> listed = new ArrayList<>();
        List<Instant> created = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(Http.get(api("invocations?service=Flow&handler=steps&limit=3" + (cursor == null ? "" : "&cursor=" + cursor))), 200);
            page.get("rows").forEach(row -> {
                listed.add(row.get("id").asText());
                created.add(Instant.parse(row.get("created_at").asText()));
                assertThat(row.get("target_handler_name").asText()).isEqualTo("steps");
            });
            cursor = page.get("next_cursor").isNull() ? null : java.net.URLEncoder.encode(page.get("next_cursor").asText(), "UTF-8");
            pages++;
        } while (cursor != null);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(listed).containsAll(sent).doesNotHaveDuplicates();
        for (int i = 1; i < created.size(); i++) {
            assertThat(created.get(i)).as("newest first").isBeforeOrEqualTo(created.get(i - 1));
        }
        JsonNode one = json(Http.get(api("invocations/" + sent.get(0))), 200).get("invocation");
        assertThat(one.get("status").asText()).isEqualTo("succeeded");
        assertThat(Http.get(api("invocations/inv_1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).statusCode()).isIn(400, 404);
    }

    @Test
    void aJournalIsReadInWindowsAndAnEntryInFull() throws Exception {
        HttpResponse<String> call = Http.post(ingress + "/Flow/steps", "\"win\"");
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        String id = call.headers().firstValue("x-restate-id").orElseThrow();
        JsonNode first = json(Http.get(api("invocations/" + id + "/journal?from=0&limit=2")), 200);
        assertThat(first.get("rows")).hasSize(2);
        assertThat(first.get("rows").get(0).get("index").asInt()).isZero();
        assertThat(first.get("rows").get(0).get("entry_type").asText()).isEqualTo("Command: Input");
        assertThat(first.get("next_cursor").asText()).isEqualTo("2");
        assertThat(first.get("rows").get(0).get("value_preview").asText()).as("a window row previews its value").isEqualTo("\"win\"");
        assertThat(first.get("rows").get(0).get("value_length").asInt()).isEqualTo(5);
        JsonNode rest = json(Http.get(api("invocations/" + id + "/journal?from=2&limit=1000")), 200);
        assertThat(rest.get("rows").get(0).get("index").asInt()).isEqualTo(2);
        assertThat(rest.get("next_cursor").isNull()).isTrue();
        JsonNode input = json(Http.get(api("invocations/" + id + "/journal/0")), 200);
        assertThat(input.get("value_preview").asText()).isEqualTo("\"win\"");
        assertThat(input.get("entry").isObject()).isTrue();
        assertThat(Http.get(api("invocations/" + id + "/journal/0/value")).body()).isEqualTo("\"win\"");
        JsonNode bundle = json(Http.get(api("invocations/" + id + "/bundle")), 200);
        assertThat(bundle.get("journal").size()).isEqualTo(first.get("rows").size() + rest.get("rows").size());
        assertThat(bundle.get("service").get("name").asText()).as("the admin API's service JSON").isEqualTo("Flow");
    }

    @Test
    void aBatchCancelsEverythingAFilterMatches() throws Exception {
        Set<String> sleeping = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            sleeping.add(sendFlow("sleep", "600000"));
        }
        String filter = "{\"service\":[\"Flow\"],\"handler\":[\"sleep\"],\"status\":[\"pending\",\"scheduled\",\"ready\",\"running\",\"backing-off\",\"suspended\"]}";
        Await.until(() -> json(Http.get(api("invocations/count?service=Flow&handler=sleep&status=suspended&status=running")), 200)
                .get("count").asLong() == 5, "5 sleeping invocations");
        JsonNode started = json(Http.post(api("batch"), "{\"operation\":\"cancel\",\"filter\":" + filter + "}"), 202);
        assertThat(started.get("total").asLong()).isEqualTo(5);
        String job = started.get("job").asText();
        Await.until(() -> json(Http.get(api("batch/" + job)), 200).get("finished").asBoolean(), "the batch finished");
        JsonNode progress = json(Http.get(api("batch/" + job)), 200);
        assertThat(progress.get("done").asLong()).isEqualTo(5);
        assertThat(progress.get("succeeded").asLong()).as(progress.toString()).isEqualTo(5);
        Await.until(() -> json(Http.get(api("invocations/count?service=Flow&handler=sleep&status=cancelled")), 200).get("count").asLong() == 5,
                "the 5 invocations cancelled");
        JsonNode cancelled = json(Http.get(api("invocations?service=Flow&handler=sleep&status=cancelled")), 200);
        Set<String> ids = new HashSet<>();
        cancelled.get("rows").forEach(row -> ids.add(row.get("id").asText()));
        assertThat(ids).isEqualTo(sleeping);
    }

    @Test
    void stateIsEditedWithItsVersionAndAStaleVersionIsRefused() throws Exception {
        assertThat(Http.post(ingress + "/Tally/ui/add", "5").body()).isEqualTo("5");
        assertThat(json(Http.get(api("state/Tally")), 200).get("rows").findValuesAsText("service_key")).contains("ui");
        JsonNode state = json(Http.get(api("state/Tally/ui")), 200);
        assertThat(state.get("rows").get(0).get("key").asText()).isEqualTo("count");
        String version = state.get("version").asText();
        // "42" as base64: the SDK reads the state as JSON
        JsonNode edited = json(Http.post(api("state/Tally/ui"), "{\"version\":\"" + version + "\",\"set\":{\"count\":\"NDI=\"}}"), 202);
        Await.body(ingress + "/Tally/ui/get", "42");
        assertThat(json(Http.get(api("state/Tally/ui")), 200).get("version").asText()).isEqualTo(edited.get("version").asText());
        HttpResponse<String> stale = Http.post(api("state/Tally/ui"), "{\"version\":\"" + version + "\",\"set\":{\"count\":\"Nw==\"}}");
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(Http.post(ingress + "/Tally/ui/get", null).body()).isEqualTo("42");
    }

    @Test
    void thePlaygroundCallsAHandlerThroughTheIngress() throws Exception {
        JsonNode answer = json(Http.post(api("playground/Flow/steps"), "\"play\""), 200);
        assertThat(answer.get("status").asInt()).isEqualTo(200);
        assertThat(answer.get("body").asText()).startsWith("\"play:");
        assertThat(answer.get("headers").get("x-restate-id").asText()).startsWith("inv_");
        JsonNode keyed = json(Http.post(api("playground/Tally/add?key=play"), "3"), 200);
        assertThat(keyed.get("body").asText()).isEqualTo("3");
        JsonNode unknown = json(Http.post(api("playground/Nope/x"), ""), 200);
        assertThat(unknown.get("status").asInt()).as("the ingress's own answer").isEqualTo(404);
    }

    @Test
    void theStreamCarriesAChangeWithinASecondOfAnInvocation() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> stream = client.send(HttpRequest.newBuilder(URI.create(api("stream"))).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        Thread reader = new Thread(() -> {
            try {
                stream.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(lines.poll(5, TimeUnit.SECONDS)).isEqualTo(": stream open");
        long sent = System.nanoTime();
        String id = sendFlow("noop", "");
        String event = null;
        while (true) {
            long left = 1_000_000_000L - (System.nanoTime() - sent);
            String line = lines.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
            assertThat(line).as("a changes event naming " + id + " within a second").isNotNull();
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ") && "changes".equals(event) && line.contains(id)) {
                JsonNode change = JSON.readTree(line.substring(6)).findParents("id").stream()
                        .filter(c -> c.get("id").asText().equals(id)).findFirst().orElseThrow();
                assertThat(change.get("service").asText()).isEqualTo("Flow");
                assertThat(change.get("handler").asText()).isEqualTo("noop");
                break;
            }
        }
        stream.body().close();
    }
}
