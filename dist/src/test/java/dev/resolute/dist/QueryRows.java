package dev.resolute.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /query} with {@code accept: application/json}, its rows made comparable across two servers. Every
 * exclusion is listed here with its reason: what the issue lets differ (ids, timestamps) and what depends on the
 * server's identity or on timing rather than on what the workload did.
 */
final class QueryRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IDS = Pattern.compile("\\b(inv|dp|sign|prom|sub)_1[0-9A-Za-z_-]+");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    /** Milliseconds since the epoch, as the journal's entry_json writes a sleep's wake-up time. */
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\b1[6-9]\\d{11}\\b");
    /**
     * The official ingress gives a call to a service or object without an idempotency key a random ULID one (its
     * controlled idempotent sharding); Resolute's does not. Such a key is left out, an explicit one is compared.
     */
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    /**
     * A call's span context in entry_json: restate-server starts a trace for every invocation (random trace and span
     * ids), Resolute keeps no trace and writes an empty one.
     */
    private static final Pattern SPAN_CONTEXT = Pattern.compile("\"span_context\":\\{\"span_context\":\\{[^{}]*\\},\"cause\":(null|\\{[^{}]*\\})\\}");
    private static final Pattern PRINTABLE_BYTES = Pattern.compile("\\[(\\d{1,3}(?:,\\d{1,3}){3,})\\]");
    private static final Pattern IN_LIST = Pattern.compile("IN \\(('[^()]*')\\)");

    /** Columns (or the CLI's aliases of them) left out of every comparison, and why. */
    static final Map<String, String> EXCLUDED = Map.of(
            "partition_key", "random for plain services (the invocation id draws it); the keyed ones are compared on their own",
            "created_using_restate_version", "the server's own version",
            "trace_id", "random per invocation");

    /** A column the query leaves unnamed: DataFusion names it after the expression ({@code count(Int64(1))}), Calcite {@code EXPR$0}. */
    private static final Pattern UNNAMED = Pattern.compile("EXPR\\$\\d+|count\\((\\*|Int64\\(1\\))\\)");
    /** restate-server names the codes it knows in last_failure ({@code [500 Internal]}); Resolute shows the number. */
    private static final Pattern CODE_NAME = Pattern.compile("^\\[(\\d+) [A-Z][a-z ]+\\]");

    /** Columns that count retries: the retrying invocation's count depends on how long the workload took. */
    private static final List<String> RETRY_COUNTS = List.of("retry_count", "num_retries");
    /**
     * The invoker's state of a paused invocation (its attempts, last failure, last attempt): restate-server forgets it
     * when the invocation pauses, Resolute keeps it so that one can see why it paused (its InvocationTablesTest pins
     * that). Left out for paused rows.
     */
    private static final Pattern INVOKER_STATE = Pattern.compile("retry_count|num_retries|next_retry_at|last_(failure|attempt|start).*");
    /**
     * The handler of the first invocation of a key's group of completed ones (services status' locked keys): FIRST_VALUE
     * without ORDER BY takes whichever the scan meets first, and the scan's order follows random invocation ids.
     */
    private static final String FIRST_HANDLER = "invocation_method_holding_lock";

    private QueryRows() {
    }

    /** The raw JSON answer: status and body. */
    static HttpResponse<String> post(String admin, String sql) throws Exception {
        String body = JSON.writeValueAsString(Map.of("query", sql));
        return Http.send(HttpRequest.newBuilder(URI.create(admin + "/query")).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json").header("accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The rows of {@code sql} on {@code admin}, normalised and sorted; fails on anything but a 200. */
    static List<String> comparable(String admin, String sql, String servicesUri) throws Exception {
        HttpResponse<String> answer = post(admin, sql);
        if (answer.statusCode() != 200) {
            throw new AssertionError(admin + " answered " + answer.statusCode() + " " + answer.body() + " to\n" + sql);
        }
        List<String> rows = new ArrayList<>();
        for (JsonNode row : JSON.readTree(answer.body()).get("rows")) {
            rows.add(normalise(row, servicesUri));
        }
        rows.sort(null);
        return rows;
    }

    private static String normalise(JsonNode row, String servicesUri) {
        Map<String, String> out = new TreeMap<>();
        String status = row.has("status") ? row.path("status").asText() : row.path("invocation_status").asText();
        boolean backingOff = status.equals("backing-off");
        for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (EXCLUDED.containsKey(field.getKey()) || backingOff && RETRY_COUNTS.contains(field.getKey())
                    || status.equals("paused") && INVOKER_STATE.matcher(field.getKey()).matches()
                    || status.equals("completed") && field.getKey().equals(FIRST_HANDLER)) {
                continue;
            }
            String value = field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString();
            if (field.getKey().equals("idempotency_key") && ULID.matcher(value).matches()) {
                continue; // generated by the official ingress; Resolute's ingress leaves a call without one
            }
            if (field.getKey().startsWith("last_failure")) {
                value = CODE_NAME.matcher(value).replaceFirst("[$1]");
            }
            if (field.getKey().equals("entry_json")) {
                value = SPAN_CONTEXT.matcher(value).replaceAll("\"span_context\":<span>");
            }
            String name = UNNAMED.matcher(field.getKey()).matches() ? "<unnamed>" : field.getKey();
            out.put(name, normalise(PRINTABLE_BYTES.matcher(value.replace(servicesUri, "<services>"))
                    .replaceAll(bytes -> Matcher.quoteReplacement(printable(bytes.group(1)))), servicesUri));
        }
        return out.toString();
    }

    private static String normalise(String value, String servicesUri) {
        String out = IDS.matcher(value.replace(servicesUri, "<services>")).replaceAll("<$1>");
        out = TIMESTAMP.matcher(out).replaceAll("<time>");
        return EPOCH_MILLIS.matcher(out).replaceAll("<millis>");
    }

    /** A JSON array of bytes (the journal's payloads in entry_json) as the text it holds, when it is printable ASCII. */
    private static String printable(String numbers) {
        StringBuilder text = new StringBuilder("bytes:");
        for (String number : numbers.split(",")) {
            int b = Integer.parseInt(number);
            if (b < 32 || b > 126) {
                return "[" + numbers + "]";
            }
            text.append((char) b);
        }
        return text.toString();
    }

    /** The query as the CLI wrote it, with ids set aside and IN lists sorted (the CLI builds them from hash sets). */
    static String comparableSql(String sql) {
        String out = IDS.matcher(sql).replaceAll("<$1>");
        return IN_LIST.matcher(out).replaceAll(list -> {
            String[] items = list.group(1).split(",");
            Arrays.sort(items);
            return Matcher.quoteReplacement("IN (" + String.join(",", items) + ")");
        });
    }
}
