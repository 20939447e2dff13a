package dev.resolute.worker.introspection;

import static dev.resolute.worker.introspection.FsmDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.Awaiting;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.Phase;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.StatusTable;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The introspection tables show what the state machine wrote, whatever it went through: random submissions to
 * objects, services and delayed services, calls across partitions, attempts that write state, end, fail, suspend or
 * run (in flight), and time passing (retries, delayed starts). Each stored invocation has one row with its status and
 * journal length, sys_invocation's derived status follows its phase, retry count and whether it runs, the state and
 * lock tables match a model of the writes, the inbox holds exactly the inboxed invocations, and a scan narrowed by any
 * pushed-down filter returns what a full scan filtered the same way returns.
 */
class IntrospectionProperties {
    private static final List<String> KEYS = List.of("a", "b", "c");

    @Property(tries = 60)
    void theTablesShowWhatTheStateMachineWrote(@ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 9_999) Integer> choices)
            throws Exception {
        Path dir = Files.createTempDirectory("introspection-prop");
        try (OpenStore store = OpenStore.open(new LmdbStorageFactory(), dir, Map.of())) {
            World world = new World(new FsmDriver(store.storage()));
            for (int choice : choices) {
                world.step(choice);
            }
            world.checkInvocations();
            world.checkStateAndLocks();
            for (int choice : choices) {
                world.checkPushdown(choice);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The driven engine and a model of the state writes. */
    private static final class World {
        final FsmDriver fsm;
        /** object key → state key → value, as the attempts wrote it. */
        final Map<String, Map<String, String>> state = new TreeMap<>();
        int writes;

        World(FsmDriver fsm) {
            this.fsm = fsm;
        }

        void step(int choice) {
            int pick = choice / 10;
            switch (choice % 10) {
                case 0, 1 -> fsm.invoke(FsmDriver.object("Counter", KEYS.get(pick % KEYS.size()), "add"));
                case 2 -> fsm.invoke(FsmDriver.service("Svc", "h"), pick % 2 == 0 ? Invoke.newBuilder()
                        : Invoke.newBuilder().setExecutionTime(fsm.now + 1_000 * (1 + pick % 5)));
                case 3 -> withInvoked(pick, id -> {
                    Target target = fsm.status(id).getTarget();
                    if (target.getServiceKind() == ServiceKind.VIRTUAL_OBJECT) {
                        String value = "v" + ++writes;
                        fsm.frames(id, null, frame(SetStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8("k" + pick % 2))
                                .setValue(Value.newBuilder().setContent(ByteString.copyFromUtf8(value))).build()));
                        state.computeIfAbsent(target.getKey(), k -> new TreeMap<>()).put("k" + pick % 2, value);
                    } else {
                        String key = KEYS.get(pick % KEYS.size());
                        int next = fsm.status(id).getJournalLength() + 10;
                        fsm.frames(id, FsmDriver.object("Counter", key, "add"), frame(CallCommandMessage.newBuilder().setServiceName("Counter")
                                .setHandlerName("add").setKey(key).setInvocationIdNotificationIdx(next).setResultCompletionId(next + 1).build()));
                    }
                });
                case 4 -> withInvoked(pick, id -> fsm.end(id, "ok"));
                case 5 -> withInvoked(pick, id -> fsm.fail(id, AttemptFailed.newBuilder().setCode(500).setMessage("boom " + pick).build()));
                case 6 -> withInvoked(pick, id -> fsm.suspend(id, Awaiting.newBuilder().addCompletions(999).build()));
                case 7 -> fsm.advance(Duration.ofMillis(500L * (1 + pick % 8)));
                default -> withInvoked(pick, id -> {
                    if (!fsm.running.add(ByteBuffer.wrap(id))) {
                        fsm.running.remove(ByteBuffer.wrap(id));
                    }
                });
            }
        }

        private void withInvoked(int pick, java.util.function.Consumer<byte[]> action) {
            List<byte[]> invoked = stored().stream().filter(r -> r.status().getPhase() == Phase.INVOKED).map(StatusTable.Row::id).toList();
            if (!invoked.isEmpty()) {
                action.accept(invoked.get(pick % invoked.size()));
            }
        }

        /** What the state machine stored: every status, read from the status table itself. */
        List<StatusTable.Row> stored() {
            List<StatusTable.Row> rows = new ArrayList<>();
            try (Snapshot snapshot = fsm.storage.snapshot()) {
                fsm.tables.status().rows(snapshot, List.of(KeyRange.all())).forEachRemaining(rows::add);
            }
            return rows;
        }

        void checkInvocations() {
            List<StatusTable.Row> stored = stored();
            Map<String, Map<String, Object>> statusRows = byId(fsm.rows("sys_invocation_status"), "id");
            Map<String, Map<String, Object>> invocationRows = byId(fsm.rows("sys_invocation"), "id");
            Map<String, Map<String, Object>> stateRows = byId(fsm.rows("sys_invocation_state"), "id");
            Map<String, Long> journalSizes = fsm.rows("sys_journal").stream()
                    .collect(Collectors.groupingBy(r -> (String) r.get("id"), Collectors.counting()));
            assertThat(statusRows).hasSameSizeAs(stored);
            assertThat(invocationRows).hasSameSizeAs(stored);
            for (StatusTable.Row row : stored) {
                InvocationStatus status = row.status();
                String id = InvocationId.fromBytes(row.id()).toString();
                boolean running = fsm.running.contains(ByteBuffer.wrap(row.id()));
                assertThat(statusRows.get(id)).containsEntry("status", StatusColumns.status(status.getPhase()))
                        .containsEntry("partition_key", InvocationId.fromBytes(row.id()).partitionKey());
                assertThat(journalSizes.get(id)).as("journal rows of %s", id).isEqualTo(status.getJournalLength());
                assertThat(invocationRows.get(id)).containsEntry("status", expectedStatus(status, running));
                boolean hasState = Set.of(Phase.INVOKED, Phase.BACKING_OFF, Phase.PAUSED).contains(status.getPhase());
                assertThat(stateRows.containsKey(id)).isEqualTo(hasState);
                if (hasState) {
                    assertThat(stateRows.get(id)).containsEntry("in_flight", running).containsEntry("retry_count", (long) status.getRetryCount());
                    assertThat(stateRows.get(id).get("last_failure")).isEqualTo(status.getLastFailure().isEmpty() ? null : status.getLastFailure());
                }
            }
            List<String> inboxed = stored.stream().filter(r -> r.status().getPhase() == Phase.INBOXED)
                    .map(r -> InvocationId.fromBytes(r.id()).toString()).sorted().toList();
            assertThat(fsm.rows("sys_inbox").stream().map(r -> (String) r.get("id")).sorted().toList()).isEqualTo(inboxed);
        }

        /** The view's rule, written from Restate's definition (reference §5). */
        private static String expectedStatus(InvocationStatus status, boolean running) {
            return switch (status.getPhase()) {
                case INBOXED -> "pending";
                case SCHEDULED -> "scheduled";
                case COMPLETED -> "completed";
                case SUSPENDED -> "suspended";
                case PAUSED -> "paused";
                default -> running ? "running" : status.getRetryCount() > 0 ? "backing-off" : "ready";
            };
        }

        void checkStateAndLocks() {
            Map<String, Map<String, String>> shown = new TreeMap<>();
            for (Map<String, Object> row : fsm.rows("state")) {
                assertThat(row).containsEntry("service_name", "Counter");
                shown.computeIfAbsent((String) row.get("service_key"), k -> new TreeMap<>()).put((String) row.get("key"), (String) row.get("value_utf8"));
            }
            assertThat(shown).isEqualTo(state);

            Map<String, String> holders = new HashMap<>();
            for (StatusTable.Row row : stored()) {
                Phase phase = row.status().getPhase();
                if (row.status().getTarget().getServiceKind() == ServiceKind.VIRTUAL_OBJECT && phase != Phase.COMPLETED
                        && phase != Phase.INBOXED && phase != Phase.SCHEDULED) {
                    assertThat(holders.put(row.status().getTarget().getKey(), InvocationId.fromBytes(row.id()).toString())).isNull();
                }
            }
            Map<String, String> locks = fsm.rows("sys_keyed_service_status").stream()
                    .collect(Collectors.toMap(r -> (String) r.get("service_key"), r -> (String) r.get("invocation_id")));
            assertThat(locks).isEqualTo(holders);
            assertThat(fsm.rows("sys_locks")).hasSameSizeAs(holders.entrySet());
        }

        /** A filter built from a random row of a random table: the narrowed scan returns what the full scan filtered returns. */
        void checkPushdown(int choice) {
            String[][] pushed = {
                {"sys_invocation_status", "id"}, {"sys_invocation_status", "partition_key"}, {"sys_invocation_status", "target_service_key"},
                {"sys_invocation_status", "status"}, {"sys_invocation", "status"}, {"sys_invocation", "id"}, {"sys_invocation_state", "id"},
                {"sys_journal", "id"}, {"sys_journal", "partition_key"}, {"state", "service_key"}, {"sys_inbox", "service_key"},
                {"sys_keyed_service_status", "service_key"}, {"sys_locks", "lock_name"}, {"state", "partition_key"}};
            String[] what = pushed[choice % pushed.length];
            List<Map<String, Object>> all = comparable(fsm.rows(what[0]));
            List<Object> values = new ArrayList<>();
            if (!all.isEmpty()) {
                Object value = all.get(choice / pushed.length % all.size()).get(what[1]);
                if (value != null) {
                    values.add(value);
                }
            }
            values.add(what[1].equals("partition_key") ? (Object) 12345L : "not-there"); // a value no row has
            ScanFilter filter = new ScanFilter(Map.of(what[1], values));
            List<Map<String, Object>> expected = all.stream().filter(r -> r.get(what[1]) != null && values.contains(r.get(what[1]))).toList();
            List<Map<String, Object>> narrowed = comparable(fsm.rows(what[0], filter)).stream()
                    .filter(r -> r.get(what[1]) != null && values.contains(r.get(what[1]))).toList();
            assertThat(narrowed).as("%s where %s in %s", what[0], what[1], values).containsExactlyInAnyOrderElementsOf(expected);
        }

        private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> rows, String column) {
            Map<String, Map<String, Object>> out = new LinkedHashMap<>();
            rows.forEach(r -> assertThat(out.put((String) r.get(column), r)).as("one row per %s", column).isNull());
            return out;
        }

        private static List<Map<String, Object>> comparable(List<Map<String, Object>> rows) {
            return rows.stream().map(row -> {
                Map<String, Object> out = new LinkedHashMap<>(row);
                out.replaceAll((column, value) -> value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value);
                return out;
            }).toList();
        }
    }
}
