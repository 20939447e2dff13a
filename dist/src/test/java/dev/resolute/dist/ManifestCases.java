package dev.resolute.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Broken discovery answers: a well-formed v4 manifest (one to three services of each kind with valid handlers) with
 * one defect applied, or an answer that is not a manifest at all. Each case lists the words one of which the
 * server's message must contain to say what is wrong.
 */
final class ManifestCases {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String V4 = "application/vnd.restate.endpointmanifest.v4+json";

    /** A discovery answer and the words that name its defect. */
    record Case(String what, int status, String contentType, byte[] body, List<String> mentions) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return what + " [" + status + " " + contentType + " " + (text.length() > 300 ? text.substring(0, 300) + "...(" + body.length + " bytes)" : text) + "]";
        }
    }

    private ManifestCases() {
    }

    static Arbitrary<Case> cases() {
        return Arbitraries.frequencyOf(Tuple.of(6, mutated()), Tuple.of(2, notAManifest()), Tuple.of(1, badAnswer()));
    }

    private static Arbitrary<Case> mutated() {
        Arbitrary<String> name = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8).map(s -> "Fz" + s);
        Arbitrary<ObjectNode> manifest = Combinators.combine(name.list().ofMinSize(1).ofMaxSize(3).uniqueElements(),
                Arbitraries.of("SERVICE", "VIRTUAL_OBJECT", "WORKFLOW").list().ofSize(3),
                Arbitraries.of("BIDI_STREAM", "REQUEST_RESPONSE")).as(ManifestCases::manifest);
        return Combinators.combine(manifest, Arbitraries.of(Defect.values()), Arbitraries.integers().between(0, 1_000_000))
                .as((m, defect, pick) -> defect.apply(m, pick));
    }

    private static ObjectNode manifest(List<String> names, List<String> kinds, String mode) {
        ObjectNode root = NODES.objectNode().put("protocolMode", mode).put("minProtocolVersion", 5).put("maxProtocolVersion", 7);
        ArrayNode services = root.putArray("services");
        for (int i = 0; i < names.size(); i++) {
            String kind = kinds.get(i);
            ObjectNode service = services.addObject().put("name", names.get(i)).put("ty", kind);
            ArrayNode handlers = service.putArray("handlers");
            ObjectNode first = handlers.addObject().put("name", kind.equals("WORKFLOW") ? "run" : "h0");
            if (!kind.equals("SERVICE")) {
                first.put("ty", kind.equals("WORKFLOW") ? "WORKFLOW" : "EXCLUSIVE");
            }
            first.putObject("input").put("required", false).put("contentType", "application/json");
            first.putObject("output").put("contentType", "application/json").put("setContentTypeIfEmpty", false);
            ObjectNode second = handlers.addObject().put("name", "h1");
            if (!kind.equals("SERVICE")) {
                second.put("ty", "SHARED");
            }
        }
        return root;
    }

    /** One thing wrong with an otherwise good manifest; {@code pick} chooses where and how. */
    private enum Defect {
        MISSING_TOP_FIELD, WRONG_TOP_TYPE, BAD_PROTOCOL_MODE, BAD_RANGE, MISSING_SERVICE_FIELD, WRONG_SERVICE_TYPE,
        BAD_SERVICE_NAME, RESERVED_SERVICE_NAME, BAD_SERVICE_KIND, DUPLICATE_SERVICE, MISSING_HANDLER_FIELD, BAD_HANDLER_NAME,
        BAD_HANDLER_KIND, DUPLICATE_HANDLER, UNKNOWN_FIELD, WRONG_OPTION_TYPE, HUGE;

        private static final List<String> TOP = List.of("protocolMode", "minProtocolVersion", "maxProtocolVersion", "services");
        private static final List<JsonNode> WRONG = List.of(NODES.numberNode(42), NODES.textNode("x"), NODES.arrayNode(),
                NODES.objectNode(), NODES.booleanNode(true), NODES.numberNode(5.5), NODES.nullNode());
        private static final List<String> BAD_NAMES = List.of("", "1abc", "a b", "_", "-x", "a/b", "caf\u00e9", "a\u0000b", "x".repeat(5000) + "!", "_.");
        private static final List<String> OPTIONS = List.of("documentation", "metadata", "inactivityTimeout", "ingressPrivate",
                "enableLazyState", "retryPolicyMaxAttempts", "retryPolicyOnMaxAttempts", "retryPolicyExponentiationFactor", "journalRetention");
        private static final List<int[]> RANGES = List.of(new int[] {1, 4}, new int[] {8, 100}, new int[] {7, 5}, new int[] {0, 0},
                new int[] {-3, 6}, new int[] {8, Integer.MAX_VALUE});

        Case apply(ObjectNode m, int pick) {
            ArrayNode services = (ArrayNode) m.get("services");
            ObjectNode service = (ObjectNode) services.get(pick % services.size());
            ArrayNode handlers = (ArrayNode) service.get("handlers");
            ObjectNode handler = (ObjectNode) handlers.get(pick % handlers.size());
            String sname = service.get("name").asText();
            switch (this) {
                case MISSING_TOP_FIELD -> {
                    String field = TOP.get(pick % TOP.size());
                    m.remove(field);
                    return of(this, m, field);
                }
                case WRONG_TOP_TYPE -> {
                    String field = TOP.get(pick % TOP.size());
                    m.set(field, wrong(pick, field.equals("services") ? 2 : field.equals("protocolMode") ? 1 : 0));
                    return of(this, m, field);
                }
                case BAD_PROTOCOL_MODE -> {
                    m.put("protocolMode", List.of("STREAM", "bidi_stream", "", "REQUEST_RESPONSE ").get(pick % 4));
                    return of(this, m, "protocolMode");
                }
                case BAD_RANGE -> {
                    int[] range = RANGES.get(pick % RANGES.size());
                    m.put("minProtocolVersion", range[0]).put("maxProtocolVersion", range[1]);
                    return of(this, m, "protocol version", "ProtocolVersion");
                }
                case MISSING_SERVICE_FIELD -> {
                    String field = List.of("name", "ty", "handlers").get(pick % 3);
                    service.remove(field);
                    return of(this, m, field);
                }
                case WRONG_SERVICE_TYPE -> {
                    String field = List.of("name", "ty", "handlers").get(pick % 3);
                    service.set(field, wrong(pick, field.equals("handlers") ? 2 : 1));
                    return of(this, m, field);
                }
                case BAD_SERVICE_NAME -> {
                    String bad = BAD_NAMES.get(pick % BAD_NAMES.size());
                    service.put("name", bad);
                    return of(this, m, bad.length() > 100 ? bad.substring(0, 100) : bad, "name");
                }
                case RESERVED_SERVICE_NAME -> {
                    String bad = List.of("restate", "RestateX", "openapi", "restate.Admin").get(pick % 4);
                    service.put("name", bad);
                    return of(this, m, bad, "reserved");
                }
                case BAD_SERVICE_KIND -> {
                    service.put("ty", List.of("ACTOR", "service", "", "WORKFLOWS").get(pick % 4));
                    return of(this, m, "ty");
                }
                case DUPLICATE_SERVICE -> {
                    services.add(service.deepCopy());
                    return of(this, m, sname);
                }
                case MISSING_HANDLER_FIELD -> {
                    handler.remove("name");
                    return of(this, m, "name");
                }
                case BAD_HANDLER_NAME -> {
                    String bad = List.of("a.b", "a-b", "1x", "", "h h", "\u00e9").get(pick % 6);
                    handler.put("name", bad);
                    return of(this, m, "name");
                }
                case BAD_HANDLER_KIND -> {
                    String kind = service.get("ty").asText();
                    // a SERVICE's handlers are SHARED (or untyped); an object's never WORKFLOW; a workflow's never EXCLUSIVE
                    handler.put("ty", kind.equals("SERVICE") ? "EXCLUSIVE" : kind.equals("VIRTUAL_OBJECT") ? "WORKFLOW"
                            : pick % 2 == 0 ? "EXCLUSIVE" : "BOGUS");
                    return of(this, m, "ty", "handler", "workflow", "kind", "type");
                }
                case DUPLICATE_HANDLER -> {
                    handlers.add(handler.deepCopy());
                    return of(this, m, handler.get("name").asText());
                }
                case UNKNOWN_FIELD -> {
                    (pick % 3 == 0 ? m : pick % 3 == 1 ? service : handler).put("extraField" + pick % 10, 1);
                    return of(this, m, "extraField");
                }
                case WRONG_OPTION_TYPE -> {
                    String option = OPTIONS.get(pick % OPTIONS.size());
                    service.set(option, option.equals("documentation") || option.equals("retryPolicyOnMaxAttempts") ? NODES.numberNode(7)
                            : option.equals("metadata") ? NODES.arrayNode().add(1) : NODES.textNode("yes"));
                    return of(this, m, option);
                }
                case HUGE -> {
                    service.put("documentation", "d".repeat(2_000_000));
                    service.remove("ty");
                    return of(this, m, "ty");
                }
                default -> throw new IllegalStateException(name());
            }
        }

        /** A value whose JSON type is not the field's: 0 a number field, 1 a string field, 2 an array field. */
        private static JsonNode wrong(int pick, int expected) {
            List<JsonNode> choices = new ArrayList<>();
            for (JsonNode node : WRONG) {
                boolean same = expected == 0 ? node.isIntegralNumber() : expected == 1 ? node.isTextual() : node.isArray();
                if (!same) {
                    choices.add(node);
                }
            }
            return choices.get(pick % choices.size());
        }
    }

    private static Case of(Defect defect, ObjectNode manifest, String... mentions) {
        try {
            return new Case(defect.name(), 200, V4, JSON.writeValueAsBytes(manifest), List.of(mentions));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arbitrary<Case> notAManifest() {
        Arbitrary<byte[]> bytes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(500)),
                Tuple.of(3, Arbitraries.of("", "{", "{\"protocolMode\":", "[]", "null", "42", "\"manifest\"", "<html>hi</html>",
                        "{\"services\":[]}", "\u00ff\u00fe{}", "{\"a\":1}{\"b\":2}").map(s -> s.getBytes(StandardCharsets.ISO_8859_1))));
        return bytes.map(body -> new Case("NOT_A_MANIFEST", 200, V4, body,
                List.of("JSON", "manifest", "protocolMode", "content", "object", "field")));
    }

    private static Arbitrary<Case> badAnswer() {
        byte[] good = "{\"protocolMode\":\"REQUEST_RESPONSE\",\"minProtocolVersion\":5,\"maxProtocolVersion\":7,\"services\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        return Arbitraries.oneOf(
                Arbitraries.of(404, 400, 401, 403, 418, 301, 204).map(status ->
                        new Case("STATUS", status, V4, "nope".getBytes(StandardCharsets.UTF_8), List.of(String.valueOf(status)))),
                Arbitraries.of("text/plain", "application/json", "application/vnd.restate.endpointmanifest.v9+json", "")
                        .map(type -> new Case("CONTENT_TYPE", 200, type, good, List.of("content type", "content-type"))),
                Arbitraries.just(new Case("NO_CONTENT_TYPE", 200, null, good, List.of("content type", "content-type"))),
                Arbitraries.just(new Case("OVER_32_MIB", 200, V4, new byte[33 * 1024 * 1024], List.of("MiB", "large", "limit", "size"))));
    }
}
