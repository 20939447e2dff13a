package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's introspection tables through {@code POST /query} (JSON rows) over a live TypeScript workload: an
 * object with state, sleeping and awakeable-waiting invocations, a failing handler being retried, a workflow waiting
 * for its promise, and a busy object whose lock is held while two more invocations wait in its inbox. Request/response
 * mode, so an invocation that awaits is suspended at once.
 */
class IntrospectionIT extends SdkEngine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private String added;
    private String failing;
    private String holder;

    IntrospectionIT() {
        super(Sdk.TYPESCRIPT, Mode.REQUEST_RESPONSE, "Tally", "Flow", "Awaker", "Approval");
    }

    @BeforeAll
    void workload() throws Exception {
        added = idOf(Http.post(ingress + "/Tally/k1/add/send", "5"));
        Await.body(ingress + "/Tally/k1/get", "5");
        failing = idOf(Http.post(ingress + "/Flow/alwaysFails/send", null));
        idOf(Http.post(ingress + "/Flow/sleep/send", "600000"));
        idOf(Http.post(ingress + "/Awaker/wait/send", "\"aw1\""));
        idOf(Http.post(ingress + "/Approval/wf1/run/send", "\"loan\""));
        holder = idOf(Http.post(ingress + "/Tally/busy/hold/send", "600000"));
        Await.until(() -> !rows("SELECT invocation_id FROM sys_keyed_service_status WHERE service_key = 'busy'").isEmpty(), "busy is locked");
        idOf(Http.post(ingress + "/Tally/busy/add/send", "1"));
        idOf(Http.post(ingress + "/Tally/busy/add/send", "2"));
        Await.until(() -> rows("SELECT id FROM sys_invocation WHERE status = 'suspended'").size() == 4,
                "the sleeper, the awakeable waiter, the workflow and the holder are suspended");
        Await.until(() -> rows("SELECT retry_count FROM sys_invocation WHERE id = '" + failing + "'").get(0).path("retry_count").asLong() >= 2,
                "the failing invocation was retried");
    }

    private static String idOf(HttpResponse<String> accepted) throws Exception {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).get("invocationId").asText();
    }

    /** The rows of {@code sql}, asked for as JSON. */
    private List<JsonNode> rows(String sql) throws Exception {
        HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(admin + "/query")).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").header("accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(JsonNodeFactory.instance.objectNode().put("query", sql))))
                .build());
        assertThat(answer.statusCode()).as("%s: %s", sql, answer.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        JSON.readTree(answer.body()).get("rows").forEach(rows::add);
        return rows;
    }

    @Test
    void invocationsAreCountedByTheirDerivedStatus() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode row : rows("SELECT status, COUNT(1) AS n FROM sys_invocation GROUP BY status")) {
            counts.put(row.get("status").asText(), row.get("n").asLong());
        }
        assertThat(counts).containsEntry("pending", 2L).containsEntry("suspended", 4L);
        assertThat(counts.get("completed")).as("the add and the workload's own sends and gets").isGreaterThanOrEqualTo(2L);
        assertThat(counts.getOrDefault("backing-off", 0L) + counts.getOrDefault("running", 0L) + counts.getOrDefault("ready", 0L))
                .as("the failing invocation, between attempts or in one").isEqualTo(1L);
        assertThat(rows("SELECT COUNT(1) AS n FROM sys_invocation_status WHERE status = 'inboxed'").get(0).get("n").asLong()).isEqualTo(2L);
    }

    @Test
    void theFailingInvocationShowsItsLastFailureAndRetries() throws Exception {
        JsonNode row = rows("SELECT target, retry_count, last_failure, last_start_at, pinned_deployment_id, invoked_by "
                + "FROM sys_invocation WHERE id = '" + failing + "'").get(0);
        assertThat(row.get("target").asText()).isEqualTo("Flow/alwaysFails");
        assertThat(row.get("retry_count").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(row.get("last_failure").asText()).startsWith("[500]").contains("always failing");
        assertThat(row.get("last_start_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(row.get("pinned_deployment_id").asText()).startsWith("dp_");
        assertThat(row.get("invoked_by").asText()).isEqualTo("ingress");
        assertThat(rows("SELECT in_flight, retry_count, last_failure FROM sys_invocation_state WHERE id = '" + failing + "'"))
                .singleElement().satisfies(state -> assertThat(state.get("last_failure").asText()).contains("always failing"));
    }

    @Test
    void theJournalOfOneInvocation() throws Exception {
        List<JsonNode> journal = rows("SELECT index, entry_type, name, version, raw_length, appended_at FROM sys_journal "
                + "WHERE id = '" + added + "' ORDER BY index");
        assertThat(journal).extracting(r -> r.get("entry_type").asText()).startsWith("Command: Input").contains("Command: SetState")
                .endsWith("Command: Output");
        assertThat(journal).extracting(r -> r.get("index").asLong()).startsWith(0L, 1L);
        assertThat(journal).allSatisfy(r -> assertThat(r.get("version").asLong()).isEqualTo(2));
    }

    @Test
    void theStateOfOneKey() throws Exception {
        assertThat(rows("SELECT key, value_utf8, value, value_length FROM state WHERE service_name = 'Tally' AND service_key = 'k1'"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("key").asText()).isEqualTo("count");
                    assertThat(row.get("value_utf8").asText()).isEqualTo("5");
                    assertThat(row.get("value").asText()).as("binary as hex").isEqualTo("35");
                    assertThat(row.get("value_length").asLong()).isEqualTo(1);
                });
    }

    @Test
    void theLockAndInboxOfABusyObject() throws Exception {
        assertThat(rows("SELECT lock_name, acquired_by FROM sys_locks WHERE lock_name = 'Tally/busy'")).singleElement()
                .satisfies(row -> assertThat(row.get("acquired_by").asText()).isEqualTo(holder));
        assertThat(rows("SELECT invocation_id FROM sys_keyed_service_status WHERE service_name = 'Tally' AND service_key = 'busy'"))
                .singleElement().satisfies(row -> assertThat(row.get("invocation_id").asText()).isEqualTo(holder));
        List<JsonNode> inbox = rows("SELECT id, sequence_number FROM sys_inbox WHERE service_name = 'Tally' AND service_key = 'busy' "
                + "ORDER BY sequence_number");
        assertThat(inbox).hasSize(2);
        assertThat(inbox.get(0).get("sequence_number").asLong()).isLessThan(inbox.get(1).get("sequence_number").asLong());
        assertThat(rows("SELECT target, status FROM sys_invocation WHERE target_service_key = 'busy' AND status = 'pending'")).hasSize(2);
    }

    @Test
    void theWorkflowsPromiseIsAwaited() throws Exception {
        assertThat(rows("SELECT key, completed FROM sys_promise WHERE service_name = 'Approval' AND service_key = 'wf1'")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("key").asText()).isEqualTo("decision");
                    assertThat(row.get("completed").asBoolean()).isFalse();
                });
        assertThat(rows("SELECT target_service_ty, status FROM sys_invocation WHERE target = 'Approval/wf1/run'")).singleElement()
                .satisfies(row -> assertThat(row.get("target_service_ty").asText()).isEqualTo("workflow"));
    }

    /** The official CLI's {@code services status} queries (cli/src/clients/datafusion_helpers/v2.rs) over the same tables. */
    @Test
    void theClisServiceStatusQueriesSeeTheBusyObject() throws Exception {
        List<JsonNode> pending = rows("""
                SELECT
                    target_service_name,
                    target_handler_name,
                    'pending' as status,
                    COUNT(1) as num_invocations,
                    MIN(created_at) as oldest_at,
                    FIRST_VALUE(id ORDER BY created_at ASC) as oldest_invocation
                 FROM sys_invocation_status
                 WHERE status == 'inboxed' AND target_service_name IN ('Tally')
                 GROUP BY target_service_name, target_handler_name""");
        assertThat(pending).singleElement().satisfies(row -> {
            assertThat(row.get("target_handler_name").asText()).isEqualTo("add");
            assertThat(row.get("num_invocations").asLong()).isEqualTo(2);
            assertThat(row.get("oldest_invocation").asText()).startsWith("inv_1");
        });
        List<JsonNode> inbox = rows("""
                SELECT
                    service_name,
                    service_key,
                    COUNT(1) as num_pending
                 FROM sys_inbox
                 WHERE service_name IN ('Tally')
                 GROUP BY service_name, service_key
                 ORDER BY num_pending DESC""");
        assertThat(inbox).singleElement().satisfies(row -> assertThat(row.get("num_pending").asLong()).isEqualTo(2));
        List<JsonNode> holders = rows("""
                SELECT
                    target_service_name as service_name,
                    target_service_key as service_key,
                    status as invocation_status,
                    first_value(id) as invocation_holding_lock,
                    first_value(target_handler_name) as invocation_method_holding_lock,
                    first_value(created_at) as invocation_created_at,
                    first_value(modified_at) as modified_at,
                    first_value(pinned_deployment_id) as pinned_deployment_id,
                    first_value(last_attempt_deployment_id) as last_attempt_deployment_id,
                    first_value(last_failure) as last_failure_message,
                    first_value(next_retry_at) as next_retry_at,
                    first_value(last_start_at) as last_start_at,
                    0 as num_pending,
                    sum(retry_count) as num_retries
                FROM sys_invocation
                WHERE status != 'pending' AND target_service_name IN ('Tally') AND target_service_key = 'busy'
                GROUP BY target_service_name, target_service_key, status""");
        assertThat(holders).singleElement().satisfies(row -> {
            assertThat(row.get("invocation_status").asText()).isEqualTo("suspended");
            assertThat(row.get("invocation_holding_lock").asText()).isEqualTo(holder);
            assertThat(row.get("invocation_method_holding_lock").asText()).isEqualTo("hold");
        });
    }
}
