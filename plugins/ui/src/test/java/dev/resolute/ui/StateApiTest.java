package dev.resolute.ui;

import static dev.resolute.ui.InvocationsApiTest.json;
import static dev.resolute.ui.InvocationsApiTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolute.spi.schema.ServiceType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** State pages with Restate's optimistic version, downloads, and edits of some entries that keep the others. */
class StateApiTest {
    /** restate-protocol.md §4.5's test vector: the version of {@code {"name":"bob"}}. */
    private static final String BOB = "tDqA04Lj3_qJ-PgNPTecXDGZgpwy6jm2Ni2BYqJIthM";
    private final FakeWorker worker = new FakeWorker();
    private UiNode node;

    @BeforeEach
    void start() throws Exception {
        worker.states.put("Users/u1", new TreeMap<>(Map.of("name", bytes("bob"))));
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 7);
        worker.states.put("Users/u2", new TreeMap<>(Map.of("a", bytes("1"), "big", big)));
        node = worker.node(new FakeSchemas().deployment("dp_1", Map.of("Users", ServiceType.VIRTUAL_OBJECT, "Greeter", ServiceType.SERVICE))).start();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void theVersionIsRestates() {
        assertThat(StateVersion.of(Map.of("name", bytes("bob")))).isEqualTo(BOB);
        assertThat(StateVersion.of(Map.of())).isEqualTo("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
    }

    @Test
    void keysAndEntriesInPagesWithTheVersionAndBigValuesLeftForDownload() throws Exception {
        JsonNode keys = json(node.get("/ui/api/state/Users?limit=1"), 200);
        assertThat(keys.get("rows").get(0).get("service_key").asText()).isEqualTo("u1");
        assertThat(json(node.get("/ui/api/state/Users?after=" + keys.get("next_cursor").asText()), 200).get("rows").get(0).get("service_key").asText())
                .isEqualTo("u2");
        JsonNode bob = json(node.get("/ui/api/state/Users/u1"), 200);
        assertThat(bob.get("version").asText()).isEqualTo(BOB);
        assertThat(bob.get("rows").get(0).get("value").asText()).isEqualTo("Ym9i");
        JsonNode u2 = json(node.get("/ui/api/state/Users/u2"), 200);
        assertThat(u2.get("rows").get(1).get("value").isNull()).isTrue();
        assertThat(u2.get("rows").get(1).get("value_length").asInt()).isEqualTo(70_000);
        HttpResponse<byte[]> value = node.getBytes("/ui/api/state/Users/u2/value?name=big");
        assertThat(value.body()).hasSize(70_000);
        assertThat(value.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"big.bin\"");
        assertThat(message(node.get("/ui/api/state/Users/u2/value?name=none"), 404)).contains("'none'");
        assertThat(message(node.get("/ui/api/state/Users/u2/value"), 400)).contains("'name'");
    }

    @Test
    void anEditReplacesTheListedEntriesKeepsTheOthersAndChecksTheVersion() throws Exception {
        String version = json(node.get("/ui/api/state/Users/u2"), 200).get("version").asText();
        HttpResponse<String> edit = node.send("POST", "/ui/api/state/Users/u2", "{\"version\":\"" + version + "\",\"set\":{\"a\":null,\"b\":\"Mg==\"}}");
        JsonNode answer = json(edit, 202);
        assertThat(worker.controlled).containsExactly("replace Users/u2 [b, big] if " + version);
        assertThat(worker.states.get("Users/u2").get("b")).isEqualTo(bytes("2"));
        assertThat(worker.states.get("Users/u2").get("big")).hasSize(70_000);
        assertThat(answer.get("version").asText()).isEqualTo(json(node.get("/ui/api/state/Users/u2"), 200).get("version").asText());

        HttpResponse<String> stale = node.send("POST", "/ui/api/state/Users/u2", "{\"version\":\"" + version + "\",\"set\":{\"a\":\"MQ==\"}}");
        assertThat(message(stale, 409)).contains("changed since it was read");
        assertThat(worker.controlled).hasSize(1);
    }

    @Test
    void badEditsUnknownServicesAndPlainServices() throws Exception {
        assertThat(message(node.send("POST", "/ui/api/state/Users/u1", "{\"set\":{}}"), 400)).contains("'version'");
        assertThat(message(node.send("POST", "/ui/api/state/Users/u1", "{\"version\":\"" + BOB + "\",\"set\":{\"a\":\"%%\"}}"), 400)).contains("'set.a'");
        assertThat(message(node.get("/ui/api/state/Nope"), 404)).contains("'Nope'");
        assertThat(message(node.get("/ui/api/state/Greeter/x"), 400)).contains("plain service");
    }

    @Test
    void aKeyWithASlashIsOneSegment() throws Exception {
        worker.states.put("Users/a/b c", new TreeMap<>(Map.of("k", bytes("v"))));
        assertThat(json(node.get("/ui/api/state/Users/a%2Fb%20c"), 200).get("rows").get(0).get("key").asText()).isEqualTo("k");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
