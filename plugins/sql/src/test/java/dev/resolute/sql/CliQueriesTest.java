package dev.resolute.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.query.QueryResult;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queries Restate's CLI 1.7 sends (cli/src/clients/datafusion_helpers/v2.rs and commands/), verbatim in shape. */
class CliQueriesTest {
    private final Fixtures tables = new Fixtures();
    private final CalciteQueryEngine engine = new CalciteQueryEngine(tables::all, new QueryLimits(1 << 30, 10));

    @Test
    void servicesStatusInboxedWithDoubleEqualsAndFirstValueOrderBy() {
        String json = Rows.json(engine, """
                SELECT
                    target_service_name,
                    target_handler_name,
                    'pending' as status,
                    COUNT(1) as num_invocations,
                    MIN(created_at) as oldest_at,
                    FIRST_VALUE(id ORDER BY created_at ASC) as oldest_invocation
                 FROM sys_invocation_status
                 WHERE status == 'inboxed' AND target_service_name IN ('Counter','Greeter')
                 GROUP BY target_service_name, target_handler_name""");
        assertThat(json).isEqualTo("{\"rows\":[{\"target_service_name\":\"Counter\",\"target_handler_name\":\"add\",\"status\":\"pending\","
                + "\"num_invocations\":2,\"oldest_at\":\"2026-11-22T14:48:19.389Z\",\"oldest_invocation\":\"inv_2\"}]}");
    }

    @Test
    void servicesStatusActiveAndLockedKeys() {
        assertThat(Rows.of(engine, """
                SELECT
                    target_service_name,
                    target_handler_name,
                    status,
                    COUNT(1) as num_invocations,
                    MIN(created_at) as oldest_at,
                    FIRST_VALUE(id ORDER BY created_at ASC) as oldest_invocation
                FROM sys_invocation
                WHERE target_service_name IN ('Counter')
                GROUP BY target_service_name, target_handler_name, status
                ORDER BY target_handler_name""")).extracting(r -> r.get(1)).containsExactly("add", "get");
        assertThat(Rows.of(engine, """
                SELECT
                    service_name,
                    service_key,
                    COUNT(1) as num_pending
                 FROM sys_inbox
                 WHERE service_name IN ('Counter')
                 GROUP BY service_name, service_key
                 ORDER BY num_pending DESC""")).containsExactly(List.of("Counter", "a", 2L));
        List<List<Object>> locked = Rows.of(engine, """
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
                WHERE status != 'pending' AND target_service_name IN ('Counter')
                GROUP BY target_service_name, target_service_key, status""");
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).subList(0, 4)).containsExactly("Counter", "b", "backing-off", "inv_3");
        assertThat(locked.get(0).get(13)).isEqualTo(3L);
    }

    /** {@code invocations list --all}: the count's sub-select has no filter, so the scan reads no column at all. */
    @Test
    void invocationsListAllCountsWithoutAFilter() {
        for (String sql : List.of("select count(*) from sys_invocation", "select count(*) from (select * from sys_invocation)",
                "select count(1) from (select * from sys_invocation limit 5)",
                "SELECT COUNT(1) FROM (SELECT\n            *\n        FROM sys_invocation inv\n        LIMIT 50000\n        )\n        ")) {
            try (QueryResult count = engine.execute(sql)) {
                assertThat(count.nextRow()).as(sql).containsExactly(4L);
            }
        }
    }

    @Test
    void invocationsListCountAndDetails() {
        String filter = "WHERE inv.target_service_name IN ('Counter','Greeter') AND status != 'completed'";
        try (QueryResult count = engine.execute("SELECT COUNT(1) FROM (SELECT\n            *\n        FROM sys_invocation inv\n        LIMIT 50000\n        )\n        " + filter)) {
            assertThat(count.columns().get(0).type()).isEqualTo(SqlType.INT64);
            assertThat(count.nextRow()).containsExactly(3L);
        }
        try (QueryResult all = engine.execute("SELECT COUNT(1) FROM (SELECT\n            *\n        FROM sys_invocation inv\n        LIMIT 50000\n        )\n        ")) {
            assertThat(all.nextRow()).as("--all: no filter, no column needed").containsExactly(4L);
        }
        assertThat(Rows.of(engine, "SELECT\n id\n FROM sys_invocation inv\n " + filter + "\n ORDER BY inv.created_at DESC, inv.id\n LIMIT 2"))
                .containsExactly(List.of("inv_3"), List.of("inv_1"));
        String details = Rows.json(engine, """
                SELECT
                    inv.id,
                    inv.target,
                    inv.target_service_ty,
                    inv.idempotency_key,
                    inv.status,
                    inv.created_at,
                    inv.modified_at as state_modified_at,
                    inv.pinned_deployment_id,
                    inv.retry_count as num_retries,
                    inv.last_failure as last_failure_message,
                    inv.last_failure_related_entry_index as last_failure_entry_index,
                    inv.last_failure_related_entry_name as last_failure_entry_name,
                    inv.last_failure_related_entry_type as last_failure_entry_ty,
                    inv.last_attempt_deployment_id,
                    inv.last_attempt_server,
                    inv.next_retry_at,
                    inv.last_start_at,
                    inv.invoked_by_id,
                    inv.invoked_by_target,
                    inv.trace_id,
                    inv.completion_result,
                    inv.completion_failure,
                    dp.id IS NOT NULL as pinned_deployment_exists
                FROM sys_invocation inv
                LEFT JOIN sys_deployment dp ON dp.id = inv.pinned_deployment_id
                WHERE inv.id in ('inv_3','inv_4')
                ORDER BY inv.created_at DESC, inv.id""");
        assertThat(details).startsWith("{\"rows\":[{\"id\":\"inv_4\",\"target\":\"Greeter/greet\",\"target_service_ty\":\"service\",\"status\":\"completed\"")
                .contains("\"pinned_deployment_id\":\"dp_gone\",\"num_retries\":0,")
                .contains("\"pinned_deployment_exists\":false}")
                .contains("{\"id\":\"inv_3\"").contains("\"num_retries\":3,\"last_failure_message\":\"boom\"")
                .contains("\"pinned_deployment_exists\":true}");
    }

    @Test
    void invocationsListPre15ShapeWithCteRightJoinAndCastNull() {
        List<List<Object>> rows = Rows.of(engine, """
                WITH invocations as (SELECT
                    inv.id,
                    inv.target,
                    CAST(NULL as STRING) AS idempotency_key,
                    inv.status,
                    inv.created_at,
                    inv.pinned_deployment_id
                FROM sys_invocation inv
                WHERE inv.target_service_name IN (select name from sys_service where ty = 'virtual_object')
                ORDER BY inv.created_at DESC, inv.id
                LIMIT 10)

                SELECT
                    inv.*,
                    dp.id IS NOT NULL as pinned_deployment_exists
                FROM sys_deployment dp
                RIGHT JOIN invocations inv ON dp.id = inv.pinned_deployment_id
                ORDER BY inv.created_at DESC, inv.id""");
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("inv_3", "inv_1", "inv_2");
        assertThat(rows.get(0).get(2)).isNull();
        assertThat(rows.get(0).get(6)).isEqualTo(true);
        assertThat(Rows.of(engine, "SELECT id FROM sys_invocation inv WHERE (inv.pinned_deployment_id IS NOT NULL"
                + " AND inv.pinned_deployment_id NOT IN (select id from sys_deployment))")).containsExactly(List.of("inv_4"));
    }

    @Test
    void cancelAndDeploymentQueries() {
        assertThat(Rows.of(engine, "SELECT id, target FROM sys_invocation_status WHERE target LIKE 'Counter/%' AND status != 'completed' LIMIT 500"))
                .hasSize(3);
        assertThat(Rows.of(engine, "SELECT id, target FROM sys_invocation_status WHERE id = 'inv_4' AND status = 'completed' LIMIT 500"))
                .containsExactly(List.of("inv_4", "Greeter/greet"));
        assertThat(Rows.of(engine, """
                SELECT COUNT(1) AS inv_count
                            FROM sys_invocation_status
                            WHERE pinned_deployment_id = 'dp_1' AND status != 'completed'""")).containsExactly(List.of(1L));
        assertThat(Rows.of(engine, """
                SELECT
                            target_service_name as service,
                            target_handler_name as handler,
                            COUNT(1) AS inv_count
                            FROM sys_invocation_status
                            WHERE pinned_deployment_id = 'dp_1' AND status != 'completed'
                            GROUP BY pinned_deployment_id, target_service_name, target_handler_name""")).containsExactly(List.of("Counter", "get", 1L));
    }

    @Test
    void describeJournalAndInformationSchema() {
        try (QueryResult count = engine.execute("SELECT COUNT(*) FROM information_schema.columns\n            WHERE\n"
                + "                table_name = 'sys_journal'\n                AND column_name IN ('version', 'entry_json', 'appended_at')")) {
            assertThat(count.nextRow()).containsExactly(3L);
        }
        List<List<Object>> journal = Rows.of(engine, """
                SELECT
                    sj.index,
                    sj.entry_type,
                    sj.completed,
                    sj.invoked_id,
                    sj.invoked_target,
                    sj.sleep_wakeup_at,
                    sj.name,
                    sj.promise_name,
                    sj.version, sj.entry_json, sj.appended_at
                FROM sys_journal sj
                WHERE
                    sj.id = 'inv_3'
                ORDER BY index DESC
                LIMIT 100""");
        assertThat(journal).extracting(r -> r.get(0)).containsExactly(1L, 0L);
        assertThat(tables.journal.filters).contains(new ScanFilter(Map.of("id", List.of("inv_3"))));
    }

    @Test
    void stateWithReservedWordColumnsAndBinaryAsHex() {
        assertThat(Rows.json(engine, "select key, value from state where service_name = 'Counter' and service_key = 'b' ;"))
                .isEqualTo("{\"rows\":[{\"key\":\"count\",\"value\":\"cafe\"}]}");
        assertThat(Rows.of(engine, "SELECT service_name, service_key, key, value FROM state WHERE service_name = 'Counter'")).hasSize(2);
        assertThat(tables.state.filters).contains(new ScanFilter(Map.of("service_name", List.of("Counter"), "service_key", List.of("b"))));
    }

    @Test
    void registryTablesAndUnsignedColumnTypes() {
        try (QueryResult result = engine.execute("select name, revision, ty from sys_service order by name")) {
            assertThat(result.columns()).containsExactly(new TableColumn("name", SqlType.UTF8), new TableColumn("revision", SqlType.UINT64),
                    new TableColumn("ty", SqlType.UTF8));
            assertThat(result.nextRow()).containsExactly("Counter", 1L, "virtual_object");
        }
        assertThat(Rows.json(engine, "SELECT id, ty, endpoint, created_at, min_service_protocol_version, services FROM sys_deployment"))
                .isEqualTo("{\"rows\":[{\"id\":\"dp_1\",\"ty\":\"http\",\"endpoint\":\"http://localhost:9080/\","
                        + "\"created_at\":\"2026-11-22T14:48:24.389Z\",\"min_service_protocol_version\":5,\"services\":[\"Counter\",\"Greeter\"]}]}");
        assertThat(Rows.json(engine, "SELECT partition_key FROM sys_invocation_status WHERE id = 'inv_1'"))
                .as("u64 prints unsigned").isEqualTo("{\"rows\":[{\"partition_key\":18446744073709551615}]}");
    }

    @Test
    void upperCaseIdentifiersAreCaseInsensitive() {
        assertThat(Rows.of(engine, "SELECT NAME FROM SYS_SERVICE WHERE TY = 'service'")).containsExactly(List.of("Greeter"));
    }
}
