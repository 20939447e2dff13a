package dev.resolute.sql;

import static dev.resolute.spi.query.SqlType.BINARY;
import static dev.resolute.spi.query.SqlType.BOOLEAN;
import static dev.resolute.spi.query.SqlType.TIMESTAMP;
import static dev.resolute.spi.query.SqlType.UINT32;
import static dev.resolute.spi.query.SqlType.UINT64;
import static dev.resolute.spi.query.SqlType.UTF8;
import static dev.resolute.spi.query.SqlType.UTF8_LIST;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** In-memory tables shaped like the worker's (a subset of reference §5's columns) with a few rows. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-22T14:48:24.389Z");

    final RecordingTable status = new RecordingTable("sys_invocation_status", columns(
            "partition_key", UINT64, "id", UTF8, "status", UTF8, "target", UTF8, "target_service_name", UTF8, "target_service_key", UTF8,
            "target_handler_name", UTF8, "target_service_ty", UTF8, "pinned_deployment_id", UTF8, "created_at", TIMESTAMP,
            "modified_at", TIMESTAMP, "completion_result", UTF8), List.of(
            row(-1L, "inv_1", "inboxed", "Counter/a/add", "Counter", "a", "add", "virtual_object", null, T0, T0, null),
            row(2L, "inv_2", "inboxed", "Counter/a/add", "Counter", "a", "add", "virtual_object", null, T0.minusSeconds(5), T0, null),
            row(3L, "inv_3", "invoked", "Counter/b/get", "Counter", "b", "get", "virtual_object", "dp_1", T0.plusSeconds(1), T0, null),
            row(4L, "inv_4", "completed", "Greeter/greet", "Greeter", null, "greet", "service", "dp_1", T0.plusSeconds(2), T0, "success")));
    final RecordingTable invocation = new RecordingTable("sys_invocation", columns(
            "id", UTF8, "target", UTF8, "target_service_name", UTF8, "target_service_key", UTF8, "target_handler_name", UTF8,
            "target_service_ty", UTF8, "idempotency_key", UTF8, "status", UTF8, "created_at", TIMESTAMP, "modified_at", TIMESTAMP,
            "pinned_deployment_id", UTF8, "retry_count", UINT64, "last_failure", UTF8, "last_failure_related_entry_index", UINT64,
            "last_failure_related_entry_name", UTF8, "last_failure_related_entry_type", UTF8, "last_attempt_deployment_id", UTF8,
            "last_attempt_server", UTF8, "next_retry_at", TIMESTAMP, "last_start_at", TIMESTAMP, "invoked_by_id", UTF8,
            "invoked_by_target", UTF8, "trace_id", UTF8, "completion_result", UTF8, "completion_failure", UTF8), List.of(
            invocationRow("inv_1", "Counter", "a", "add", "pending", T0, null, 0L),
            invocationRow("inv_2", "Counter", "a", "add", "pending", T0.minusSeconds(5), null, 0L),
            invocationRow("inv_3", "Counter", "b", "get", "backing-off", T0.plusSeconds(1), "dp_1", 3L),
            invocationRow("inv_4", "Greeter", null, "greet", "completed", T0.plusSeconds(2), "dp_gone", 0L)));
    final RecordingTable inbox = new RecordingTable("sys_inbox", columns(
            "partition_key", UINT64, "service_name", UTF8, "service_key", UTF8, "id", UTF8, "sequence_number", UINT64, "created_at", TIMESTAMP),
            List.of(row(1L, "Counter", "a", "inv_1", 1L, T0), row(1L, "Counter", "a", "inv_2", 2L, T0)));
    final RecordingTable state = new RecordingTable("state", columns(
            "partition_key", UINT64, "service_name", UTF8, "service_key", UTF8, "key", UTF8, "key_length", UINT64, "value_utf8", UTF8,
            "value", BINARY, "value_length", UINT64), List.of(
            row(1L, "Counter", "a", "count", 5L, "7", "7".getBytes(StandardCharsets.UTF_8), 1L),
            row(2L, "Counter", "b", "count", 5L, null, new byte[] {(byte) 0xca, (byte) 0xfe}, 2L)));
    final RecordingTable journal = new RecordingTable("sys_journal", columns(
            "partition_key", UINT64, "id", UTF8, "index", UINT32, "entry_type", UTF8, "name", UTF8, "completed", BOOLEAN,
            "invoked_id", UTF8, "invoked_target", UTF8, "sleep_wakeup_at", TIMESTAMP, "promise_name", UTF8, "version", UINT32,
            "entry_json", UTF8, "appended_at", TIMESTAMP), List.of(
            row(3L, "inv_3", 0L, "Command: Input", null, true, null, null, null, null, 2L, "{}", T0),
            row(3L, "inv_3", 1L, "Command: Run", "step", false, null, null, null, null, 2L, "{}", T0)));
    final RecordingTable service = new RecordingTable("sys_service", RegistryTables.SERVICE_COLUMNS, List.of(
            row("Counter", 1L, true, "virtual_object", "dp_1"), row("Greeter", 2L, true, "service", "dp_1")));
    final RecordingTable deployment = new RecordingTable("sys_deployment", RegistryTables.DEPLOYMENT_COLUMNS, List.<Object[]>of(
            row("dp_1", "http", "http://localhost:9080/", T0, 5L, 7L, List.of("Counter", "Greeter"))));

    List<IntrospectedTable> all() {
        return List.of(status, invocation, inbox, state, journal, service, deployment);
    }

    private static Object[] invocationRow(String id, String service, String key, String handler, String status, Instant created,
                                          String deployment, long retries) {
        String target = key == null ? service + "/" + handler : service + "/" + key + "/" + handler;
        return row(id, target, service, key, handler, key == null ? "service" : "virtual_object", null, status, created, created,
                deployment, retries, retries > 0 ? "boom" : null, null, null, null, null, null, null, null, null, null, null,
                status.equals("completed") ? "success" : null, null);
    }

    static List<TableColumn> columns(Object... nameThenType) {
        List<TableColumn> columns = new ArrayList<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            columns.add(new TableColumn((String) nameThenType[i], (SqlType) nameThenType[i + 1]));
        }
        return columns;
    }

    static Object[] row(Object... values) {
        return values;
    }
}
