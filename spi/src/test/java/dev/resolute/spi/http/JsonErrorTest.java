package dev.resolute.spi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The error bodies are what Jackson writes for the same fields, byte for byte, so endpoints that used Jackson answer unchanged. */
class JsonErrorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property
    void theIngressShapeIsWhatJacksonWrites(@ForAll("text") String message, @ForAll("text") String source, @ForAll int status) throws Exception {
        JsonError error = JsonError.status(404).with("code", status).with("message", message).with("source", source);
        ObjectNode jackson = JSON.createObjectNode().put("code", status).put("message", message).put("source", source);
        assertThat(error.body()).isEqualTo(JSON.writeValueAsBytes(jackson)).isEqualTo(jackson.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void anyFieldNameAndNullIsWhatJacksonWrites(@ForAll("text") String name, @ForAll("text") String message) throws Exception {
        JsonError error = JsonError.message(400, message).with(name + "!", (String) null);
        ObjectNode jackson = JSON.createObjectNode().put("message", message).putNull(name + "!");
        assertThat(error.body()).isEqualTo(JSON.writeValueAsBytes(jackson));
    }

    @Test
    void theShapesTheEndpointsAnswerWith() {
        assertThat(text(JsonError.message(503, "no endpoint serves admin on this node")))
                .isEqualTo("{\"message\":\"no endpoint serves admin on this node\"}");
        assertThat(text(JsonError.message(400, "[META0012] bad range").with("restate_code", "META0012")))
                .isEqualTo("{\"message\":\"[META0012] bad range\",\"restate_code\":\"META0012\"}");
        assertThat(text(JsonError.status(413).with("code", 413).with("message", "too \"big\"\n\u0001 \u00e9 \uD83D\uDE00").with("source", "ingress")))
                .isEqualTo("{\"code\":413,\"message\":\"too \\\"big\\\"\\n\\u0001 \u00e9 \uD83D\uDE00\",\"source\":\"ingress\"}");
    }

    @Test
    void headersAndStatusTravelWithTheBody() {
        JsonError error = JsonError.message(405, "no").header("Allow", "GET, POST").header("x-restate-error-source", "ingress");
        assertThat(error.status()).isEqualTo(405);
        assertThat(error.headers()).containsExactly(java.util.Map.entry("Allow", "GET, POST"), java.util.Map.entry("x-restate-error-source", "ingress"));
        assertThat(error.toString()).isEqualTo("405 {\"message\":\"no\"}");
        assertThatThrownBy(() -> JsonError.status(1000)).hasMessage("status must be an HTTP status (100-599), not 1000");
    }

    /** Any text without a lone surrogate (Jackson refuses those; messages come from Java strings built by us). */
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').withCharRange('\u0100', '\uD7FF').withCharRange('\uE000', '\uFFFF')
                .ofMaxLength(40);
    }

    private static String text(JsonError error) {
        return new String(error.body(), StandardCharsets.UTF_8);
    }
}
