package dev.resolute.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.spi.browse.InvocationChange;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live stream: what the engine commits arrives within a second, coalesced, filtered per stream; one watch for all. */
class ChangeStreamTest {
    private static final String END = "<end>";
    private final FakeWorker worker = new FakeWorker();
    private UiNode node;

    @BeforeEach
    void start() throws Exception {
        worker.invocation("inv_a", "Greeter", "greet", null, "running", Instant.EPOCH);
        node = worker.node(new FakeSchemas()).start();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void aCommittedChangeArrivesWithinASecond() throws Exception {
        BlockingQueue<String> lines = open("/ui/api/stream");
        assertThat(lines.poll(5, TimeUnit.SECONDS)).isEqualTo(": stream open");
        long pushed = System.nanoTime();
        worker.push(change("inv_a", "suspended", 3));
        List<JsonNode> events = events(lines, "changes", 1);
        assertThat(System.nanoTime() - pushed).isLessThan(1_000_000_000L);
        JsonNode change = events.get(0).get(0);
        assertThat(change.get("id").asText()).isEqualTo("inv_a");
        assertThat(change.get("status").asText()).isEqualTo("suspended");
        assertThat(change.get("journal_length").asInt()).isEqualTo(3);
        assertThat(change.get("retry_count").asLong()).isEqualTo(0);
        assertThat(change.get("service").asText()).isEqualTo("Greeter");
    }

    @Test
    void manyCommitsCoalesceToAtMostFourEventsASecondEndingWithTheLatest() throws Exception {
        BlockingQueue<String> lines = open("/ui/api/stream");
        lines.poll(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        for (int i = 1; i <= 100; i++) {
            worker.push(change("inv_a", "running", i), change("inv_b" + (i % 3), "running", i));
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            List<JsonNode> more = events(lines, "changes", 1, 1500);
            if (more.isEmpty()) {
                break;
            }
            events.addAll(more);
        }
        assertThat(events.size()).as("events over %.2f s", seconds).isLessThanOrEqualTo((int) Math.ceil(seconds * 4) + 2);
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.findValues("journal_length").stream().mapToInt(JsonNode::asInt).max().orElseThrow()).isEqualTo(100);
        assertThat(events.stream().mapToInt(JsonNode::size).max().orElseThrow()).as("one change per invocation and event").isLessThanOrEqualTo(4);
    }

    @Test
    void aStreamForSomeInvocationsGetsOnlyTheirsAndOneWatchServesAllStreams() throws Exception {
        BlockingQueue<String> mine = open("/ui/api/stream?invocation=inv_a&invocation=inv_c");
        BlockingQueue<String> all = open("/ui/api/stream");
        mine.poll(5, TimeUnit.SECONDS);
        all.poll(5, TimeUnit.SECONDS);
        worker.push(change("inv_b", "running", 1));
        worker.push(change("inv_c", "succeeded", 2));
        assertThat(events(mine, "changes", 1).get(0).findValuesAsText("id")).containsExactly("inv_c");
        List<String> seen = new ArrayList<>();
        while (seen.size() < 2) {
            events(all, "changes", 1).get(0).findValuesAsText("id").forEach(seen::add);
        }
        assertThat(seen).containsExactly("inv_b", "inv_c");
        assertThat(worker.watches).isEqualTo(1);
    }

    @Test
    void aStreamThatFallsBehindIsClosedSoTheBrowserReconnects() throws Exception {
        BlockingQueue<String> lines = open("/ui/api/stream");
        lines.poll(5, TimeUnit.SECONDS);
        InvocationChange[] flood = new InvocationChange[ChangeStream.MAX_PENDING + 1];
        for (int i = 0; i < flood.length; i++) {
            flood[i] = change("inv_" + i, "running", 1);
        }
        worker.push(flood);
        String line;
        do {
            line = lines.poll(5, TimeUnit.SECONDS);
            assertThat(line).as("the stream ends").isNotNull();
        } while (!line.equals(END));
        BlockingQueue<String> again = open("/ui/api/stream");
        assertThat(again.poll(5, TimeUnit.SECONDS)).isEqualTo(": stream open");
    }

    @Test
    void batchProgressIsPushedToo() throws Exception {
        BlockingQueue<String> lines = open("/ui/api/stream");
        lines.poll(5, TimeUnit.SECONDS);
        String job = UiJson.JSON.readTree(node.send("POST", "/ui/api/batch", "{\"operation\":\"cancel\",\"ids\":[\"inv_a\"]}").body()).get("job").asText();
        JsonNode progress;
        do {
            progress = events(lines, "batch", 1).get(0);
        } while (!progress.get("finished").asBoolean());
        assertThat(progress.get("job").asText()).isEqualTo(job);
        assertThat(progress.get("succeeded").asInt()).isEqualTo(1);
    }

    private static InvocationChange change(String id, String status, int journalLength) {
        return new InvocationChange(id, "Greeter", "greet", status, journalLength, 0);
    }

    /** The stream's lines as they arrive; {@link #END} once it ends. */
    private BlockingQueue<String> open(String path) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        node.http.sendAsync(HttpRequest.newBuilder(node.url(path)).build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
            Thread reader = new Thread(() -> {
                try (Stream<String> body = response.body()) {
                    body.filter(l -> !l.isEmpty()).forEach(lines::add);
                } catch (RuntimeException closed) {
                    // the server ended the stream
                }
                lines.add(END);
            });
            reader.setDaemon(true);
            reader.start();
        });
        return lines;
    }

    private static List<JsonNode> events(BlockingQueue<String> lines, String type, int count) throws Exception {
        List<JsonNode> events = events(lines, type, count, 5000);
        assertThat(events).as("%s %s events", count, type).hasSize(count);
        return events;
    }

    /** Up to {@code count} events of {@code type} (others skipped), waiting at most {@code millis} for each line. */
    private static List<JsonNode> events(BlockingQueue<String> lines, String type, int count, long millis) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        String event = null;
        while (events.size() < count) {
            String line = lines.poll(millis, TimeUnit.MILLISECONDS);
            if (line == null || line.equals(END)) {
                return events;
            }
            if (line.startsWith("event: ")) {
                event = line.substring("event: ".length());
            } else if (line.startsWith("data: ") && type.equals(event)) {
                events.add(UiJson.JSON.readTree(line.substring("data: ".length())));
            }
        }
        return events;
    }
}
